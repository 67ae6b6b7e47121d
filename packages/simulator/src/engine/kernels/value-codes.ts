import { CODES } from '../wasm/sparse-compress.js';

/**
 * The distinct non-zero values each input channel of a layer of spikes has shown, at most
 * {@link CODES} per channel (spikes × amplitude: 1 value; their 2×2 pooling: 4), learnt from the
 * chunks themselves. With them the sparse kernels sum precomputed products x·W instead of
 * multiplying: fl(x·w) is the same float32 whether computed per entry or once here (the double
 * product of two float32 values is exact, `Math.fround` rounds it once, as `f32x4.mul` does). A
 * value outside the table is detected per chunk (that chunk runs the multiplying kernel and the
 * table learns it); a channel with more than CODES values turns the table off.
 */
export class ValueTable {
  /** `[C, CODES]`: the values seen per channel, NaN after the last (NaN equals nothing). */
  private readonly seen: Float32Array;
  private readonly counts: Uint8Array;
  /** True once some channel showed more than CODES values (or a NaN). */
  failed = false;

  constructor(readonly C: number) {
    this.seen = new Float32Array(C * CODES).fill(Number.NaN);
    this.counts = new Uint8Array(C);
  }

  /** Adds the non-zero values of `x` (`[rows, C]`); returns true when the table changed. */
  learn(x: Float32Array): boolean {
    const { C, seen } = this;
    const counts = this.counts;
    let changed = false;
    for (let i = 0; i < x.length && !this.failed; i += C)
      for (let c = 0; c < C; c++) {
        const v = x[i + c];
        if (v === 0) continue;
        const base = c * CODES;
        const n = counts[c];
        let k = 0;
        while (k < n && seen[base + k] !== v) k++;
        if (k < n) continue;
        if (n === CODES || Number.isNaN(v)) this.failed = true;
        else {
          seen[base + n] = v;
          counts[c] = n + 1;
          changed = true;
        }
      }
    return changed && !this.failed;
  }

  /** The table `[C, CODES]` the coded compress reads (NaN where a channel has fewer values). */
  table(): Float32Array {
    return this.seen.slice();
  }

  /**
   * The products P[u, k, v, c, m] = fl(value_k[c] · W[u, v, c, m]) from HWIO weights `[kh, kw, C, M]`
   * (the layout `accumulateCoded` reads; 0 for the rows a channel does not use).
   */
  products(w: Float32Array, kh: number, kw: number, M: number): Float32Array {
    const { C, seen } = this;
    const counts = this.counts;
    const p = new Float32Array(kh * CODES * kw * C * M);
    for (let u = 0; u < kh; u++)
      for (let k = 0; k < CODES; k++)
        for (let v = 0; v < kw; v++)
          for (let c = 0; c < C; c++) {
            if (k >= counts[c]) continue;
            const x = seen[c * CODES + k];
            const from = ((u * kw + v) * C + c) * M;
            const to = (((u * CODES + k) * kw + v) * C + c) * M;
            for (let m = 0; m < M; m++) p[to + m] = Math.fround(x * w[from + m]);
          }
    return p;
  }
}
