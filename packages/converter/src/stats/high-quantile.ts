import { keepAbove } from './above-bound.js';
import { interpolateAt, quantile } from './quantile.js';

/** Sample size for the lower bound; below SMALL values (or for a q that is not high) plain selection is as fast. */
const SAMPLE = 1024;
const SMALL = 8192;

/** Kept between calls: the values at or above the bound (a few per mille of a batch's activations). */
let scratch = new Float32Array(0);

/**
 * Exactly {@link quantile}(values, q), bit for bit, fast for a high q (SpikingJelly's `99.9%` on a
 * whole batch of activations), reading `values` once and never writing it (it may be a view of a
 * tensor's memory). With p = q·(n − 1) and lo = ⌊p⌋ the answer
 *
 *   Q = v₍lo₎ + (p − lo)·(v₍lo₊₁₎ − v₍lo₎)   (v ascending)
 *
 * needs only the k = n − lo largest values. A strided sample of 1,024 values gives a bound b with,
 * in expectation, about 2k (+16 sample places) values at or above it; those c values are copied out.
 * When c ≥ k the k largest are all among them, so v₍lo₎ is the (c − k)-th smallest copy and v₍lo₊₁₎
 * the smallest copy after it. A sample that misjudges (c < k, more than ≈ 4k + 1,024 copies) or a NaN
 * falls back to {@link quantile} over all n. Hand-written: no maintained package gives an exact
 * order statistic of a typed array without copying and sorting all of it.
 *
 * @example highQuantile(activations, 0.999) === quantile(activations, 0.999) // true
 */
export function highQuantile(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  const p = q * (n - 1);
  const lo = Math.floor(p);
  const k = n - lo;
  if (n < SMALL || !(q >= 0 && q <= 1) || k > n / 32) return quantile(values, q);
  const sample = new Float32Array(SAMPLE);
  const stride = n / SAMPLE;
  for (let i = 0; i < SAMPLE; i++) sample[i] = values[Math.floor(i * stride)];
  sample.sort();
  const above = Math.min(SAMPLE - 1, Math.ceil((2 * k * SAMPLE) / n) + 16);
  const bound = sample[SAMPLE - 1 - above];
  const cap = Math.min(n, Math.ceil((2 * (above + 1) * n) / SAMPLE) + 1024);
  const simd = values instanceof Float32Array ? keepAbove(values, bound, cap) : undefined;
  if (simd === null) return quantile(values, q);
  const [kept, c] = simd ? [simd, simd.length] : scanAbove(values, bound, cap);
  if (c < 0) return quantile(values, q);
  if (c < k) return quantile(values, q);
  for (let i = 0; i < c; i++) if (Number.isNaN(kept[i])) return quantile(values, q);
  return interpolateAt(kept, c, c - k, p - lo);
}

/** The values x with !(x < bound), in order, in JS (where {@link keepAbove} cannot run): [scratch, count], count −1 past `cap`. */
function scanAbove(values: ArrayLike<number>, bound: number, cap: number): [Float32Array, number] {
  if (scratch.length < cap) scratch = new Float32Array(cap);
  const kept = scratch;
  const n = values.length;
  let c = 0;
  let i = 0;
  // four at a time: a group all below the bound (nearly every group) costs one branch, not four
  for (; i + 4 <= n; i += 4) {
    if (values[i] < bound && values[i + 1] < bound && values[i + 2] < bound && values[i + 3] < bound) continue;
    for (let j = i; j < i + 4; j++) {
      const x = values[j];
      if (!(x < bound)) {
        // x ≥ bound, or NaN
        if (c === cap) return [kept, -1];
        kept[c++] = x;
      }
    }
  }
  for (; i < n; i++) {
    const x = values[i];
    if (!(x < bound)) {
      if (c === cap) return [kept, -1];
      kept[c++] = x;
    }
  }
  return [kept, c];
}
