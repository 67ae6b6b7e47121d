import type { Tensor } from '@tensorflow/tfjs-core';
import { StreamingHistogram } from '../stats/histogram.js';
import { normStrategy, type NormMode } from '../normalization/index.js';

/** Where statistics come from: SpikingJelly's per-batch EMA, or exact over the whole set. */
export type Statistics = 'spikingjelly' | 'exact';

/** How an observer turns one activation's calibration values into a statistic (and so θ). */
export interface ObserverOptions {
  /** Which statistic: max, a percentile, a scale of the max, or the target-T rule. */
  mode: NormMode;
  /** Per-batch EMA as SpikingJelly does it, or exact over the whole set. */
  statistics: Statistics;
  /** SpikingJelly's VoltageHook momentum (0.1). */
  momentum?: number;
  /** One threshold per channel (last axis) instead of one per layer. */
  channelWise?: boolean;
  /** Calibration feeds this observer the first `samples` images of its pass only (default all; `recipe.calibrationSamples`). */
  samples?: number;
}

/**
 * Collects one activation tensor's statistic over calibration batches.
 *
 * - `spikingjelly`: s ← s_1 on the first batch, then s ← (1 − m)·s + m·s_t (SpikingJelly's VoltageHook).
 * - `exact`: a {@link StreamingHistogram} over every value of every batch (bounded memory), read at the end.
 *
 * With `channelWise`, each channel c (values i with i mod C = c, NHWC) gets its own statistic.
 */
export class ActivationObserver {
  private readonly strategy;
  private ema: number[] = [];
  private batches = 0;
  private hists: StreamingHistogram[] = [];

  constructor(readonly options: ObserverOptions) {
    this.strategy = normStrategy(options.mode);
    if (options.statistics === 'spikingjelly' && !this.strategy.batchStatistic)
      throw new RangeError(`mode '${options.mode.kind}' needs statistics over the whole set: use statistics 'exact'`);
  }

  /** Adds one batch of activations (flattened NHWC, `channels` = size of the last axis). */
  update(values: Float32Array, channels: number): void {
    if (this.options.statistics === 'exact') {
      const C = this.options.channelWise ? channels : 1;
      if (!this.hists.length) this.hists = Array.from({ length: C }, () => new StreamingHistogram());
      if (C === 1) this.hists[0].add(values);
      else StreamingHistogram.addChannels(this.hists, values); // one pass, no per-channel copies
      this.batches++;
      return;
    }
    const groups = this.options.channelWise ? splitChannels(values, channels) : [values];
    const m = this.options.momentum ?? 0.1;
    groups.forEach((g, i) => {
      const s = this.strategy.batchStatistic!(g, this.options.mode);
      this.ema[i] = this.batches === 0 ? s : (1 - m) * this.ema[i] + m * s;
    });
    this.batches++;
  }

  /**
   * Adds one batch given as a tensor: a per-layer SpikingJelly statistic is computed on the tensor's
   * backend when the mode allows (max, s·max, high percentiles via top-k), else the values are read back
   * with `read` (observers of one tensor share one read-back this way).
   */
  async updateTensor(t: Tensor, read: () => Promise<Float32Array> = async () => (await t.data()) as Float32Array): Promise<void> {
    if (this.options.statistics === 'spikingjelly' && !this.options.channelWise) {
      const s = await this.strategy.deviceBatchStatistic?.(t, this.options.mode);
      if (s !== undefined) {
        const m = this.options.momentum ?? 0.1;
        this.ema[0] = this.batches === 0 ? s : (1 - m) * this.ema[0] + m * s;
        this.batches++;
        return;
      }
    }
    this.update(await read(), t.shape[t.shape.length - 1]);
  }

  /** The statistic: one number per layer, or one per channel. */
  result(): number[] {
    return this.resultFor(this.options.mode);
  }

  /**
   * The statistic of another mode from the same observations: with `exact` statistics the
   * histogram serves every mode (θ for T = 16 and for T = 64 from one calibration pass); per-batch
   * EMA statistics only serve the mode they were taken for.
   */
  resultFor(mode: NormMode): number[] {
    if (this.batches === 0) throw new Error('observer saw no calibration batch');
    if (this.options.statistics !== 'exact') {
      if (JSON.stringify(mode) !== JSON.stringify(this.options.mode))
        throw new RangeError(`per-batch statistics were taken for mode '${this.options.mode.kind}' only`);
      return [...this.ema];
    }
    const strategy = normStrategy(mode);
    return this.hists.map((h) => strategy.fromHistogram(h, mode));
  }
}

function splitChannels(values: Float32Array, channels: number): Float32Array[] {
  const n = values.length / channels;
  const out = Array.from({ length: channels }, () => new Float32Array(n));
  for (let i = 0, k = 0; k < n; k++) for (let c = 0; c < channels; c++, i++) out[c][k] = values[i];
  return out;
}
