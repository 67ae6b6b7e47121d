import type { Graph } from '@snn/graph';
import type { Encoder } from '../encoders/types.js';
import { checkMonitors, MonitorHub } from '../monitors/hub.js';
import type { Monitor, MonitorContext } from '../monitors/types.js';
import type { EngineOptions } from '../options.js';
import { compilePlan, dynamicValues, largestDynamicSize, type Plan } from './plan.js';
import type { BatchData, BatchOutcome } from './batch.js';
import { ChunkedRunner } from './runner.js';

/**
 * Values a chunk may hold (steps × batch × values per sample), over all the nodes that run per step
 * together: what bounds memory, and keeps a chunk's values (16 MB) within the cores' shared cache.
 */
export const CHUNK_VALUES = 1 << 22;

/**
 * Samples the engine runs at once (larger batches are run in slices of this size): small enough
 * that the membrane potentials stay in cache, while the time chunk keeps the convolutions' batches
 * (steps × samples) large. Measured on the tutorial CNN: 16–32 beat 100 by 10–20 %.
 */
export const MICRO_BATCH = 20;

/**
 * The default time chunk: as many steps as fit {@link CHUNK_VALUES} for all the per-step nodes
 * together (`stepValues` per sample: their sum; default `perSample`, one node), at least 2 where the
 * largest node (`perSample`) alone allows it, and at most T:
 *
 *   chunk = max(1, min(T, ⌊V / (perSample · batch)⌋, max(2, ⌊V / (stepValues · batch)⌋)))   V = CHUNK_VALUES
 *
 * Bounding the sum, not the largest node, keeps a chunk in the shared cache: the Fashion ResNet
 * (twelve per-step nodes of 2,352–4,704 values) ran chunks of 44 steps (≈ 150 MB per thread) and
 * simulated 1.5–1.8× faster at 3–4 (0.83 s against 1.28–1.52 s, T = 64, 500 images, 2 threads,
 * 820 → 240 MB peak RSS); the tutorial CNN went from 9 to 5 (within 3–8 % of the best of 3–8), the
 * wide VGG (W = 32) from 8 to 2 (the best of 2–4; 1 step ran 2.3× slower: per-chunk work per step).
 */
export function defaultChunk(perSample: number, batch: number, T: number, stepValues = perSample): number {
  const node = Math.floor(CHUNK_VALUES / Math.max(1, perSample * batch));
  const all = Math.floor(CHUNK_VALUES / Math.max(1, stepValues * batch));
  return Math.max(1, Math.min(T, node, Math.max(2, all)));
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
      engine: { ...engine, chunk: engine.chunk ?? defaultChunk(largestDynamicSize(this.plan), micro, T, dynamicValues(this.plan)) },
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
