/**
 * The threshold θ that makes an IF neuron best express a layer's activations in T steps.
 *
 * With constant input a, reset by subtraction and initial potential f·θ, an IF neuron fires
 * n = clip(⌊a·T/θ + f⌋, 0, T) spikes in T steps, so it conveys q_θ(a) = n·θ/T. We pick
 *
 *   θ* = argmin_θ Σ_a count(a) · (a − q_θ(a))²
 *
 * over a coarse grid (θ from 2% to 100% of the maximum) refined twice around the best point.
 * `entries` are (value, count) pairs, e.g. a {@link StreamingHistogram}'s. When the values ascend
 * (a histogram's do), n(a) is non-decreasing in a — every step of ⌊a·T/θ + f⌋ rounds monotonically —
 * so each θ's spike counts are found by bisecting for the T + 1 runs of equal n, and the error sums
 * the same terms in the same order with q_θ(n) = n·θ/T taken from a table: the same θ, bit for bit,
 * as evaluating n at every value (what unsorted entries get).
 */
export function thresholdForT(entries: Iterable<[number, number]>, T: number, f = 0.5): number {
  if (!(Number.isInteger(T) && T > 0)) throw new RangeError(`thresholdForT: T must be a positive integer, got ${T}`);
  const vals: number[] = [];
  const counts: number[] = [];
  let max = 0;
  let ascending = true;
  for (const [v, c] of entries) {
    if (vals.length && !(v >= vals[vals.length - 1])) ascending = false;
    vals.push(v);
    counts.push(c);
    if (v > max) max = v;
  }
  if (max === 0) return 1; // a layer that never activates: any θ conveys 0
  const err = ascending ? runError(Float64Array.from(vals), Float64Array.from(counts), T, f) : pointError(vals, counts, T, f);
  let lo = 0.02 * max;
  let hi = max;
  let best = max;
  for (let round = 0; round < 3; round++) {
    const steps = 64;
    let bestErr = Infinity;
    for (let k = 0; k <= steps; k++) {
      const theta = lo + ((hi - lo) * k) / steps;
      const e = err(theta);
      if (e < bestErr) [bestErr, best] = [e, theta];
    }
    const span = (hi - lo) / steps;
    [lo, hi] = [Math.max(1e-12, best - span), Math.min(max, best + span)];
  }
  return best;
}

/** Σ count·(a − n·θ/T)², n = clip(⌊a·T/θ + f⌋, 0, T), evaluated at every value. */
function pointError(vals: number[], counts: number[], T: number, f: number): (theta: number) => number {
  return (theta) => {
    let e = 0;
    for (let i = 0; i < vals.length; i++) {
      const n = Math.min(T, Math.max(0, Math.floor((vals[i] * T) / theta + f)));
      const d = vals[i] - (n * theta) / T;
      e += counts[i] * d * d;
    }
    return e;
  };
}

/** The same sum for ascending values: n found per run by bisection (n is non-decreasing), n·θ/T from a table. */
function runError(vals: Float64Array, counts: Float64Array, T: number, f: number): (theta: number) => number {
  const len = vals.length;
  const q = new Float64Array(T + 1);
  return (theta) => {
    for (let n = 0; n <= T; n++) q[n] = (n * theta) / T;
    let e = 0;
    for (let i = 0; i < len; ) {
      const n = Math.min(T, Math.max(0, Math.floor((vals[i] * T) / theta + f)));
      // the run of n ends at the first index past i whose count exceeds n (len when none does)
      let a = n === T ? len : i + 1;
      let b = len;
      while (a < b) {
        const mid = (a + b) >>> 1;
        if (Math.floor((vals[mid] * T) / theta + f) > n) b = mid;
        else a = mid + 1;
      }
      const qn = q[n];
      for (; i < a; i++) {
        const d = vals[i] - qn;
        e += counts[i] * d * d;
      }
    }
    return e;
  };
}
