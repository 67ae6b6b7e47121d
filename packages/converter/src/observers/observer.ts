import type { Tensor } from '@tensorflow/tfjs-core';
import { type HistogramState, StreamingHistogram } from '../stats/histogram.js';
import { hostValues } from '@snn/graph';
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

/** What an {@link ActivationObserver} has seen, as plain data (another thread's share of a pass). */
export interface ObserverState {
  /** Per batch of the pass: its index and its statistic s_t (one per group), for the EMA. */
  stats: Array<[index: number, s: number[]]>;
  hists: HistogramState[];
  batches: number;
}

/**
 * Collects one activation tensor's statistic over calibration batches.
 *
 * - `spikingjelly`: s ← s_1 on the first batch, then s ← (1 − m)·s + m·s_t (SpikingJelly's VoltageHook),
 *   folded in the order of the batches' indices in the pass (so shares observed in other threads fold as one pass).
 * - `exact`: a {@link StreamingHistogram} over every value of every batch (bounded memory), read at the end.
 *
 * With `channelWise`, each channel c (values i with i mod C = c, NHWC) gets its own statistic.
 */
export class ActivationObserver {
  private readonly strategy;
  private stats = new Map<number, number[]>();
  private batches = 0;
  private hists: StreamingHistogram[] = [];
  /** Statistics already read from the histograms, per mode (every candidate of `auto` reads them again); cleared by new observations. */
  private readonly read = new Map<string, number[]>();

  constructor(readonly options: ObserverOptions) {
    this.strategy = normStrategy(options.mode);
    if (options.statistics === 'spikingjelly' && !this.strategy.batchStatistic)
      throw new RangeError(`mode '${options.mode.kind}' needs statistics over the whole set: use statistics 'exact'`);
  }

  /** Adds one batch of activations (flattened NHWC, `channels` = size of the last axis), batch `index` of the pass (default: the next). */
  update(values: Float32Array, channels: number, index = this.batches): void {
    this.read.clear();
    if (this.options.statistics === 'exact') {
      const C = this.options.channelWise ? channels : 1;
      if (!this.hists.length) this.hists = Array.from({ length: C }, () => new StreamingHistogram());
      if (C === 1) this.hists[0].add(values);
      else StreamingHistogram.addChannels(this.hists, values); // one pass, no per-channel copies
      this.batches++;
      return;
    }
    const groups = this.options.channelWise ? splitChannels(values, channels) : [values];
    this.record(
      index,
      groups.map((g) => this.strategy.batchStatistic!(g, this.options.mode)),
    );
  }

  private record(index: number, s: number[]): void {
    if (this.stats.has(index)) throw new RangeError(`ActivationObserver: batch ${index} observed twice`);
    this.stats.set(index, s);
    this.batches++;
  }

  /**
   * Adds one batch given as a tensor: a per-layer SpikingJelly statistic is computed on the tensor's
   * backend when the mode allows (max, s·max, high percentiles via top-k); else the values are read
   * where they lie when this thread holds them (`hostValues` of @snn/graph: the wasm heap, read at once, no
   * copy of the batch), or read back with `read` (observers of one tensor share one read-back this way).
   */
  async updateTensor(t: Tensor, read: () => Promise<Float32Array> = async () => (await t.data()) as Float32Array, index = this.batches): Promise<void> {
    if (this.options.statistics === 'spikingjelly' && !this.options.channelWise) {
      const s = await this.strategy.deviceBatchStatistic?.(t, this.options.mode);
      if (s !== undefined) return this.record(index, [s]);
    }
    const channels = t.shape[t.shape.length - 1];
    const here = hostValues(t); // a view: used before anything else runs on this thread
    if (here) return this.update(here, channels, index);
    this.update(await read(), channels, index);
  }

  /** What this observer has seen, as plain data ({@link absorb} takes it). */
  state(): ObserverState {
    return { stats: [...this.stats], hists: this.hists.map((h) => h.state()), batches: this.batches };
  }

  /** Adds another observer's share of the same pass (same options; its batches' indices are not among this one's). */
  absorb(other: ObserverState): void {
    this.read.clear();
    for (const [i, s] of other.stats) this.record(i, s);
    if (this.options.statistics === 'exact') {
      if (!this.hists.length) this.hists = other.hists.map((h) => new StreamingHistogram(h.bins));
      for (const [i, h] of other.hists.entries()) this.hists[i].merge(h);
      this.batches += other.batches;
    }
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
      const m = this.options.momentum ?? 0.1;
      let ema: number[] = [];
      for (const i of [...this.stats.keys()].sort((a, b) => a - b)) {
        const s = this.stats.get(i) as number[];
        ema = ema.length ? ema.map((e, c) => (1 - m) * e + m * s[c]) : [...s];
      }
      return ema;
    }
    const key = JSON.stringify(mode);
    let out = this.read.get(key);
    if (!out) {
      const strategy = normStrategy(mode);
      out = this.hists.map((h) => strategy.fromHistogram(h, mode));
      this.read.set(key, out);
    }
    return [...out];
  }
}

function splitChannels(values: Float32Array, channels: number): Float32Array[] {
  const n = values.length / channels;
  const out = Array.from({ length: channels }, () => new Float32Array(n));
  for (let i = 0, k = 0; k < n; k++) for (let c = 0; c < channels; c++, i++) out[c][k] = values[i];
  return out;
}
