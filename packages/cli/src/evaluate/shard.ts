import { batchArrays, type Split } from '@snn/datasets';
import type { Graph } from '@snn/graph';
import { type EncoderSpec, type Monitor, predictions, type SimOptions, simulate } from '@snn/simulator';
import { type EvalOutcome, readingChanges } from './outcome.js';

/** How to simulate a shard. */
export interface ShardOptions {
  /** Steps to simulate; the outcome has counts at every t = 1..T. */
  T: number;
  batchSize: number;
  /** Simulator worker threads (default `'auto'`). */
  threads?: number | 'auto';
  encoder?: EncoderSpec;
  monitors?: Monitor[];
  /** The T the run is read at (ascending, the last ≤ T): with two or more, the outcome's `changes` compare each with the last. */
  at?: readonly number[];
  /** The simulator's path (`snn eval --engine`): default `'auto'`, the fast engine of the backend; `'reference'` steps graph.execute. */
  path?: SimOptions['path'];
  /** This thread simulates a share too (one worker thread fewer): the caller only waits for the result (`simulate`'s `callingThread`). */
  callingThread?: boolean;
}

/** An outcome with what the simulator measured on the way. */
export interface ShardResult extends EvalOutcome {
  /** Seconds spent simulating. */
  seconds: number;
  monitors?: Record<string, unknown>;
}

/**
 * Scores `snn` on the samples `indices` of `split` (in that order) at every t = 1..T: the one
 * place where `snn eval`, `snn worker` and `snn sweep` simulate, so a local run and a sharded one
 * count the same way. Samples are gathered into one plain-array set and batched by `batchSize`;
 * shards cut at multiples of the batch size therefore see the very batches a local run sees.
 *
 * @example
 * const r = await evaluateShard(snn, data.test, [0, 1, 2], { T: 32, batchSize: 200 }); r.correct[31];
 */
export async function evaluateShard(snn: Graph, split: Split, indices: ArrayLike<number>, opts: ShardOptions): Promise<ShardResult> {
  if (indices.length === 0) throw new RangeError('evaluateShard: no sample to score');
  const [b] = batchArrays(split, { batchSize: indices.length, order: indices });
  const at = opts.at && opts.at.length >= 2 ? [...opts.at] : undefined;
  const PREDICTIONS = 'eval:changes';
  const monitors = [...(opts.monitors ?? []), ...(at ? [predictions({ at, name: PREDICTIONS })] : [])];
  const sim = await simulate(
    snn,
    { images: b.x, labels: b.y, n: b.size, shape: split.shape },
    { T: opts.T, batchSize: opts.batchSize, workers: opts.threads, encoder: opts.encoder, monitors, path: opts.path, callingThread: opts.callingThread },
  );
  const r: ShardResult = { n: sim.n, correct: sim.correct, confusion: sim.confusion, seconds: sim.seconds };
  if (at) r.changes = readingChanges(sim.monitors?.[PREDICTIONS] as number[], b.y, at);
  const { [PREDICTIONS]: _, ...rest } = sim.monitors ?? {};
  if (opts.monitors?.length) r.monitors = rest;
  return r;
}
