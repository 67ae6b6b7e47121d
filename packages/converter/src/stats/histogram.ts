import { type ChannelBinner, channelBinner } from './channel-binner.js';

/** Values per chunk of the fast route (64 KB: a chunk stays in cache between its two passes). */
const CHUNK = 16384;

/** A {@link StreamingHistogram} as plain, structured-cloneable data. */
export interface HistogramState {
  bins: number;
  counts: Float64Array;
  width: number;
  zeros: number;
  total: number;
  max: number;
}

/**
 * A streaming histogram of non-negative values with bounded memory (`bins` counters), for exact-
 * over-the-whole-set statistics. Zeros are counted apart (after ReLU they are a large share).
 * When a value exceeds the range, bin widths double and neighbours merge, so the range stays
 * below 2·max. Hence:
 *
 *   |quantile estimate − true quantile| ≤ width ≤ 2·max / bins
 *
 * (0.1% of the maximum for the default 2048 bins); the maximum itself is exact.
 */
export class StreamingHistogram {
  readonly counts: Float64Array;
  width: number;
  zeros = 0;
  total = 0;
  max = 0;

  constructor(
    readonly bins = 2048,
    initialWidth = 1 / 2048,
  ) {
    this.counts = new Float64Array(bins);
    this.width = initialWidth;
  }

  /** Adds every value (negative values are refused: the observed activations are ReLU outputs). */
  add(values: ArrayLike<number>): void {
    let m = this.max;
    for (let i = 0; i < values.length; i++) if (values[i] > m) m = values[i];
    while (m >= this.width * this.bins) this.grow();
    this.max = m;
    const inv = 1 / this.width;
    const last = this.bins - 1;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === 0) this.zeros++;
      else if (v > 0) this.counts[Math.min(last, Math.floor(v * inv))]++;
      else if (v < 0) throw new RangeError(`StreamingHistogram: negative value ${v}`);
      else throw new RangeError('StreamingHistogram: NaN in activations');
    }
    this.total += values.length;
  }

  /**
   * Adds interleaved channels: value i goes to `hists[i mod C]` (NHWC, C = `hists.length`), with no
   * per-channel copy. Each histogram ends exactly as `add` of its channel's values would leave it (with
   * the default power-of-two width: widths stay powers of two, so a value binned before a later
   * doubling lands, after the merge, in the bin it would have had; ⌊v·2^k⌋ is exact). Hence the fast
   * route, for float32 values, C a multiple of 4, equal `bins` and power-of-two widths: `binner`
   * (WebAssembly SIMD, `ChannelBinner` in channel-binner.ts) takes a chunk's channel maxima, the widths double until
   * they fit, then it counts the chunk. Else (or `binner` null) one pass in JS, which also refuses a
   * negative or NaN value as `add` does, leaving everything before it added.
   */
  static addChannels(hists: readonly StreamingHistogram[], values: ArrayLike<number>, binner: ChannelBinner | null = channelBinner()): void {
    const C = hists.length;
    if (values.length % C !== 0) throw new RangeError(`StreamingHistogram.addChannels: ${values.length} values is not a whole number of ${C} channels`);
    const bins = hists[0]?.bins;
    const fast = binner && values instanceof Float32Array && C % 4 === 0 && hists.every((h) => h.bins === bins && exactInverse(h.width));
    let i = fast ? StreamingHistogram.addBinned(hists, values, binner) : 0;
    for (let c = 0; i < values.length; i++) {
      const v = values[i];
      const h = hists[c];
      if (v === 0) h.zeros++;
      else if (v > 0) {
        if (v > h.max) {
          h.max = v;
          while (v >= h.width * h.bins) h.grow();
        }
        h.counts[Math.min(h.bins - 1, Math.floor(v * (1 / h.width)))]++;
      } else if (v < 0) throw new RangeError(`StreamingHistogram: negative value ${v}`);
      else throw new RangeError('StreamingHistogram: NaN in activations');
      if (++c === C) c = 0;
    }
    for (const h of hists) h.total += values.length / C;
  }

  /**
   * The fast route: chunk by chunk, maxima, widths grown (a channel's counts so far added in first, so
   * the merge halves them), counts. A channel's counts are read up to the bin of the largest value it
   * saw since (the bins above are empty). Returns how many values it took: all, or up to the chunk
   * holding a negative or NaN value (the JS pass takes it from there).
   */
  private static addBinned(hists: readonly StreamingHistogram[], values: Float32Array, binner: ChannelBinner): number {
    const C = hists.length;
    const bins = hists[0].bins;
    const step = C * Math.max(1, Math.floor(CHUNK / C));
    const seen = new Float64Array(C);
    const flush = (c: number) => {
      const h = hists[c];
      const counts = binner.counts();
      const o = c * (bins + 1);
      const top = Math.min(bins - 1, Math.floor(seen[c] * (1 / h.width)));
      for (let b = 0; b <= top; b++) h.counts[b] += counts[o + b];
      h.zeros += counts[o + bins];
      counts.fill(0, o, o + top + 1);
      counts[o + bins] = 0;
      seen[c] = 0;
    };
    binner.begin(C, bins, Math.min(step, values.length));
    binner.setWidths(hists.map((h) => 1 / h.width));
    for (let i = 0; i < values.length; i += step) {
      const max = binner.load(values.subarray(i, i + step));
      if (!max) {
        for (let c = 0; c < C; c++) flush(c);
        return i;
      }
      let grown = false;
      for (let c = 0; c < C; c++) {
        const h = hists[c];
        const m = max[c];
        if (m > h.max) {
          h.max = m;
          if (m >= h.width * h.bins) {
            flush(c);
            while (m >= h.width * h.bins) h.grow();
            grown = true;
          }
        }
        if (m > seen[c]) seen[c] = m;
      }
      if (grown) binner.setWidths(hists.map((h) => 1 / h.width));
      binner.bin();
    }
    for (let c = 0; c < C; c++) flush(c);
    return values.length;
  }

  /**
   * Adds everything `other` holds (another thread's share of the same pass): afterwards this
   * histogram is exactly what `add` of both shares' values would have made, whatever the order —
   * both start at the same power-of-two width, so the coarser width is the one a single pass would
   * reach, and a finer histogram's bins merge into it as `grow` merges them.
   */
  merge(other: HistogramState): void {
    if (other.bins !== this.bins || other.counts.length !== this.bins) throw new RangeError(`StreamingHistogram.merge: ${other.bins} bins into ${this.bins}`);
    while (this.width < other.width) this.grow();
    const c = Float64Array.from(other.counts);
    for (let w = other.width; w < this.width; w *= 2) {
      for (let i = 0; i < this.bins / 2; i++) c[i] = c[2 * i] + c[2 * i + 1];
      c.fill(0, this.bins / 2);
    }
    for (let i = 0; i < this.bins; i++) this.counts[i] += c[i];
    this.zeros += other.zeros;
    this.total += other.total;
    this.max = Math.max(this.max, other.max);
  }

  /** The histogram as plain data (what a worker thread posts back; {@link merge} takes it). */
  state(): HistogramState {
    return { bins: this.bins, counts: this.counts, width: this.width, zeros: this.zeros, total: this.total, max: this.max };
  }

  private grow(): void {
    const c = this.counts;
    for (let i = 0; i < this.bins / 2; i++) c[i] = c[2 * i] + c[2 * i + 1];
    c.fill(0, this.bins / 2);
    this.width *= 2;
  }

  /** The q-quantile (q in [0, 1]) over everything added, interpolated within the bin. */
  quantile(q: number): number {
    if (this.total === 0) throw new RangeError('quantile of an empty histogram');
    const rank = q * (this.total - 1);
    if (rank < this.zeros) return 0;
    let cum = this.zeros;
    for (let b = 0; b < this.bins; b++) {
      const c = this.counts[b];
      if (c > 0 && cum + c > rank) return Math.min(this.max, (b + (rank - cum + 0.5) / c) * this.width);
      cum += c;
    }
    return this.max;
  }

  /** Bin centres and counts (zeros as value 0), for error functionals over the distribution. */
  *entries(): Generator<[value: number, count: number]> {
    if (this.zeros) yield [0, this.zeros];
    for (let b = 0; b < this.bins; b++) if (this.counts[b]) yield [Math.min(this.max, (b + 0.5) * this.width), this.counts[b]];
  }
}

/** Whether 1/w is a power of two and a normal float32 (so v·(1/w) is exact in float32, as in float64). */
function exactInverse(w: number): boolean {
  const inv = 1 / w;
  return 2 ** Math.round(Math.log2(inv)) === inv && inv >= 2 ** -126 && inv <= 2 ** 127;
}
