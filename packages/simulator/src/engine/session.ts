import type { Graph } from '@snn/graph';
import type { Encoder } from '../encoders/types.js';
import { checkMonitors, MonitorHub } from '../monitors/hub.js';
import type { Monitor, MonitorContext } from '../monitors/types.js';
import { compilePlan, largestDynamicSize, type Plan } from './plan.js';
import { type BatchData, type BatchOutcome, ChunkedRunner } from './runner.js';

/** Values a chunk may hold per node that runs per step (steps × batch × values per sample): what bounds memory. */
export const CHUNK_VALUES = 1 << 21;

/** The default time chunk: as many steps as fit {@link CHUNK_VALUES} for the largest per-step node. */
export function defaultChunk(perSample: number, batch: number, T: number): number {
  return Math.max(1, Math.min(T, Math.floor(CHUNK_VALUES / Math.max(1, perSample * batch))));
}

export interface SessionConfig {
  T: number;
  encoder: Encoder;
  monitors: readonly Monitor[];
  /** Steps per chunk; default {@link defaultChunk} for the first batch's size. */
  chunk?: number;
  /** WebAssembly SIMD kernels where they fit (default true). */
  simd?: boolean;
}

/** One thread's share of a chunked simulation: the engine and its monitors. */
export class SimSession {
  readonly plan: Plan;
  readonly context: MonitorContext;
  private readonly hub: MonitorHub;
  private runner: ChunkedRunner | undefined;

  constructor(
    graph: Graph,
    private readonly cfg: SessionConfig,
  ) {
    this.plan = compilePlan(graph, cfg.encoder.constant);
    this.context = { graph, plan: this.plan, T: cfg.T, encoder: cfg.encoder.spec };
    checkMonitors(cfg.monitors, this.context);
    this.hub = new MonitorHub(cfg.monitors, this.context);
  }

  /** Steps per chunk in use (known after the first batch). */
  get chunk(): number | undefined {
    return this.runner?.chunk;
  }

  runBatch(b: BatchData): BatchOutcome {
    this.runner ??= new ChunkedRunner(this.plan, {
      T: this.cfg.T,
      encoder: this.cfg.encoder,
      chunk: this.cfg.chunk ?? defaultChunk(largestDynamicSize(this.plan), b.count, this.cfg.T),
      hooks: this.hub.empty ? undefined : this.hub,
      simd: this.cfg.simd,
    });
    return this.runner.run(b);
  }

  partials(): unknown[] {
    return this.hub.partials();
  }
}
