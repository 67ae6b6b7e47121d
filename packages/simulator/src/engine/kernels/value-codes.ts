import { CODES } from '../wasm/sparse-compress.js';

/**
 * Adds the value v to channel q's list in `seen` (`[P, CODES]`, `counts[q]` used): 0 when it was there,
 * 1 when added, −1 when it cannot be (a NaN, or the list is full).
 */
function addValue(seen: Float32Array, counts: Uint8Array, q: number, v: number): number {
  const base = q * CODES;
  const n = counts[q];
  let k = 0;
  while (k < n && seen[base + k] !== v) k++;
  if (k < n) return 0;
  if (n === CODES || Number.isNaN(v)) return -1;
  seen[base + n] = v;
  counts[q] = n + 1;
  return 1;
}

/**
 * The distinct non-zero values each input channel of a layer of spikes has shown, at most
 * {@link CODES} per channel (spikes × amplitude: 1 value; their 2×2 pooling: 4), learnt from the
 * chunks themselves. With them the sparse kernels sum precomputed products x·W instead of
 * multiplying: fl(x·w) is the same float32 whether computed per entry or once here (the double
 * product of two float32 values is exact, `Math.fround` rounds it once, as `f32x4.mul` does). A
 * value outside the table is detected per chunk (that chunk runs the multiplying kernel and the
 * table learns it); a channel with more than CODES values turns the table off. With a `period` P < C
 * (a Linear over a flattened NHWC map `[H·W·P]`) channel c shares the values of channel c mod P: P
 * tables to fill from the chunks, not C, while a value outside them is still caught per chunk.
 */
export class ValueTable {
  /** `[P, CODES]`: the values seen per channel (mod P), NaN after the last (NaN equals nothing). */
  private readonly seen: Float32Array;
  private readonly counts: Uint8Array;
  /** True once some channel showed more than CODES values (or a NaN). */
  failed = false;

  constructor(
    readonly C: number,
    readonly period = C,
  ) {
    if (!(Number.isInteger(period) && period >= 1 && C % period === 0)) throw new RangeError(`ValueTable: period ${period} does not divide ${C} channels`);
    this.seen = new Float32Array(period * CODES).fill(Number.NaN);
    this.counts = new Uint8Array(period);
  }

  /** Adds the non-zero values of `x` (`[rows, C]`); returns true when the table changed. */
  learn(x: Float32Array): boolean {
    const { C, seen, period, counts } = this;
    let changed = false;
    for (let i = 0; i < x.length && !this.failed; i += C)
      for (let c = 0, q = 0; c < C; c++, q = q + 1 === period ? 0 : q + 1) {
        const v = x[i + c];
        if (v === 0) continue;
        const r = addValue(seen, counts, q, v);
        if (r < 0) this.failed = true;
        else if (r > 0) changed = true;
      }
    return changed && !this.failed;
  }

  /**
   * Seeds the table with values known before any chunk: rows `[k, P]` (k values per channel mod P, zeros
   * skipped), e.g. the amplitudes of the IF spikes a layer reads or their pooling (`KernelLayer.inputCodes`).
   * Returns false, and leaves the table as it was, when a channel would hold more than CODES values or a
   * NaN, or the rows are not P wide. A value the seed missed is still caught per chunk and learnt.
   */
  seed(rows: Float32Array, k: number): boolean {
    const { period, seen, counts } = this;
    if (rows.length !== k * period || this.failed) return false;
    const next = seen.slice();
    const n = counts.slice();
    for (let q = 0; q < period; q++)
      for (let j = 0; j < k; j++) {
        const v = rows[j * period + q];
        if (v !== 0 && addValue(next, n, q, v) < 0) return false;
      }
    seen.set(next);
    counts.set(n);
    return true;
  }

  /** The table `[C, CODES]` the coded compress reads (channel c: the values of c mod P; NaN where it has fewer). */
  table(): Float32Array {
    const out = new Float32Array(this.C * CODES);
    for (let c = 0; c < this.C; c += this.period) out.set(this.seen, c * CODES);
    return out;
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
            const q = c % this.period;
            if (k >= counts[q]) continue;
            const x = seen[q * CODES + k];
            const from = ((u * kw + v) * C + c) * M;
            const to = (((u * CODES + k) * kw + v) * C + c) * M;
            for (let m = 0; m < M; m++) p[to + m] = Math.fround(x * w[from + m]);
          }
    return p;
  }
}
