import { ensureBytes, ownMemoryModule } from '@snn/core';
import { binModuleBytes } from './bin-module.js';

interface Kernels {
  range(p: number, pEnd: number, t0: number, tEnd: number, okOut: number): void;
  bin(p: number, pEnd: number, t0: number, tEnd: number, zeroSlot: number): void;
}

const align16 = (n: number) => Math.ceil(n / 16) * 16;

/**
 * Bins C interleaved channels (NHWC, C a multiple of 4) in WebAssembly SIMD, a chunk at a time in its
 * own memory (a chunk stays in cache for both passes): {@link load} copies a chunk and takes each
 * channel's maximum (and whether any value is negative or NaN); then, with each channel's bin width
 * set ({@link setWidths}) to hold that maximum, {@link bin} counts every value of the chunk into
 *
 *   bin_c(v) = v = 0 ? zeros_c : ⌊v·inv_c⌋   (inv_c = 1/width_c = 2^k, so v·inv_c is exact in float32).
 *
 * Counts add up across chunks as int32 until the caller reads and clears them ({@link counts}).
 * Layout (bytes): [ok i32x4 | max, C f32 | per group of 4: inv f32x4, base i32x4 | counts, C·(bins+1) i32 | chunk].
 * One per thread ({@link channelBinner}).
 */
export class ChannelBinner {
  private C = 0;
  private bins = 0;
  private n = 0;
  private table = 0;
  private countsAt = 0;
  private chunkAt = 0;

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly k: Kernels,
  ) {}

  /** Starts a batch of C channels of `bins` bins, in chunks of at most `chunk` values: counts at 0. */
  begin(C: number, bins: number, chunk: number): void {
    this.C = C;
    this.bins = bins;
    this.table = align16(16 + 4 * C);
    this.countsAt = this.table + 8 * C;
    this.chunkAt = align16(this.countsAt + 4 * C * (bins + 1));
    ensureBytes(this.memory, this.chunkAt + 4 * chunk);
    this.counts().fill(0);
  }

  /** Sets channel c's bin width to 1/inv[c] (a power of two whose inverse is a normal float32). */
  setWidths(inv: ArrayLike<number>): void {
    const { table, C, bins } = this;
    const f = new Float32Array(this.memory.buffer, table, 2 * C);
    const base = new Int32Array(this.memory.buffer, table, 2 * C);
    for (let c = 0; c < C; c++) {
      const g = 8 * (c >> 2) + (c & 3);
      f[g] = inv[c];
      base[g + 4] = this.countsAt + 4 * c * (bins + 1);
    }
  }

  /**
   * Copies a chunk (a whole number of pixels, at least one) and returns each channel's maximum over it
   * (0 when none is positive; a view, valid until the next call), or undefined when a value is negative or NaN.
   */
  load(values: Float32Array): Float32Array | undefined {
    const { C, chunkAt } = this;
    this.n = values.length;
    const buf = this.memory.buffer;
    new Float32Array(buf, chunkAt, this.n).set(values);
    const max = new Float32Array(buf, 16, C);
    max.fill(0);
    this.k.range(chunkAt, chunkAt + 4 * this.n, 16, 16 + 4 * C, 0);
    const ok = new Int32Array(buf, 0, 4);
    for (let i = 0; i < 4; i++) if (ok[i] !== -1) return undefined;
    return max;
  }

  /** Counts the loaded chunk at the widths set (every value of channel c below bins/inv[c]). */
  bin(): void {
    const { table, chunkAt, C } = this;
    this.k.bin(chunkAt, chunkAt + 4 * this.n, table, table + 8 * C, this.bins);
  }

  /** The counts so far (a view): channel c at [c·(bins+1), (c+1)·(bins+1)), its zeros last; the caller clears them. */
  counts(): Int32Array {
    return new Int32Array(this.memory.buffer, this.countsAt, this.C * (this.bins + 1));
  }
}

const binModule = ownMemoryModule<Kernels>(binModuleBytes);
let shared: ChannelBinner | null | undefined;

/** This thread's {@link ChannelBinner}, compiled on first use; null where WebAssembly SIMD is not available. */
export function channelBinner(): ChannelBinner | null {
  if (shared === undefined) {
    const m = binModule();
    shared = m && new ChannelBinner(m.memory, m.exports);
  }
  return shared;
}
