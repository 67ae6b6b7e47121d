import type { Graph } from '@snn/graph';
import type { PlainBatch } from './data.js';
import type { EncoderSpec } from './encoders/types.js';
import type { BatchOutcome } from './engine/batch.js';
import type { EngineOptions } from './options.js';
import type { Monitor } from './monitors/types.js';

/** A simulation to share among worker threads. */
export interface ParallelJob {
  graph: Graph;
  T: number;
  encoder: EncoderSpec;
  monitors: Monitor[];
  engine: EngineOptions;
  /** tfjs backend each worker starts. */
  backend: string;
  workers: number;
  /** One of the `workers` threads is the calling thread (it simulates pieces between handing them out). */
  callingThread?: boolean;
  batches: AsyncIterable<PlainBatch>;
  /** Samples `batches` holds in all, when known: lets the pool queue pieces ahead without leaving a thread idle at the end. */
  total?: number;
  /** Called (in the calling thread) as each batch finishes, in completion order. */
  onBatch(outcome: BatchOutcome, batch: PlainBatch): void;
}

/** What the worker threads hand back: each monitor's partial result per thread, to merge. */
export interface ParallelResult {
  /** `partials[worker][monitor]`. */
  partials: unknown[][];
  /** Threads that ran. */
  workers: number;
  /** Time steps per chunk the workers' engine used. */
  chunk?: number;
}

/** Runs chunked simulations on worker threads (Node's `worker_threads`; registered by the Node entry). */
export interface ParallelRunner {
  /** Cores available to workers. */
  cores(): number;
  /** False when workers cannot start here (e.g. the worker script is missing). */
  available(): boolean;
  /** Runs every batch of `job` on the workers, calling `job.onBatch` as each finishes. */
  run(job: ParallelJob): Promise<ParallelResult>;
}

let registered: ParallelRunner | undefined;

/** Registers the runner `simulate` uses for `workers` > 1 (the Node entry registers worker threads). */
export function registerParallelRunner(runner: ParallelRunner | undefined): void {
  registered = runner;
}

/** The registered runner, if any (none in a browser unless one is registered). */
export function parallelRunner(): ParallelRunner | undefined {
  return registered;
}
