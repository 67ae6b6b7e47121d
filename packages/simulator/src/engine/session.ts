import type { Graph } from '@snn/graph';
import type { Encoder } from '../encoders/types.js';
import { checkMonitors, MonitorHub } from '../monitors/hub.js';
import type { Monitor, MonitorContext } from '../monitors/types.js';
import type { EngineOptions } from '../options.js';
import { compilePlan, largestDynamicSize, type Plan } from './plan.js';
import type { BatchData, BatchOutcome } from './batch.js';
import { ChunkedRunner } from './runner.js';

/** Values a chunk may hold per node that runs per step (steps × batch × values per sample): what bounds memory. */
export const CHUNK_VALUES = 1 << 22;

/**
 * Samples the engine runs at once (larger batches are run in slices of this size): small enough
 * that the membrane potentials stay in cache, while the time chunk keeps the convolutions' batches
 * (steps × samples) large. Measured on the tutorial CNN: 16–32 beat 100 by 10–20 %.
 */
export const MICRO_BATCH = 20;

/** The default time chunk: as many steps as fit {@link CHUNK_VALUES} for the largest per-step node. */
export function defaultChunk(perSample: number, batch: number, T: number): number {
  return Math.max(1, Math.min(T, Math.floor(CHUNK_VALUES / Math.max(1, perSample * batch))));
}

/** A session: the run's T, encoder and monitors, and the engine's options as `simulate()` got them. */
export interface SessionConfig {
  T: number;
  encoder: Encoder;
  monitors: readonly Monitor[];
  engine: EngineOptions;
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
    const micro = Math.min(b.count, MICRO_BATCH);
    const { engine, T } = this.cfg;
    this.runner ??= new ChunkedRunner(this.plan, {
      T,
      encoder: this.cfg.encoder,
      hooks: this.hub.empty ? undefined : this.hub,
      engine: { ...engine, chunk: engine.chunk ?? defaultChunk(largestDynamicSize(this.plan), micro, T) },
    });
    if (b.count <= MICRO_BATCH) return this.runner.run(b);
    const size = b.x.length / b.count;
    const correct = new Int32Array(T);
    const predictions = new Int32Array(b.count);
    let classes = 0;
    for (let i = 0; i < b.count; i += MICRO_BATCH) {
      const count = Math.min(MICRO_BATCH, b.count - i);
      const labels = Array.from({ length: count }, (_, k) => b.labels[i + k]);
      const o = this.runner.run({ x: b.x.subarray(i * size, (i + count) * size), labels, first: b.first + i, count });
      for (let t = 0; t < T; t++) correct[t] += o.correct[t];
      predictions.set(o.predictions, i);
      classes = o.classes;
    }
    return { correct, predictions, classes };
  }

  partials(): unknown[] {
    return this.hub.partials();
  }
}
