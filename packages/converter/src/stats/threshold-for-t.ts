import { jsErrors, simdErrors } from './threshold-errors.js';

/**
 * The threshold θ that makes an IF neuron best express a layer's activations in T steps.
 *
 * With constant input a, reset by subtraction and initial potential f·θ, an IF neuron fires
 * n = clip(⌊a·T/θ + f⌋, 0, T) spikes in T steps, so it conveys q_θ(a) = n·θ/T. We pick
 *
 *   θ* = argmin_θ Σ_a count(a) · (a − q_θ(a))²
 *
 * over a coarse grid (θ from 2% to 100% of the maximum) refined twice around the best point; the
 * errors of a grid's 65 points come from `simdErrors` (threshold-errors.ts: two per pass, same bits as its `jsErrors`).
 * `entries` are (value, count) pairs, e.g. a {@link StreamingHistogram}'s.
 */
export function thresholdForT(entries: Iterable<[number, number]>, T: number, f = 0.5): number {
  if (!(Number.isInteger(T) && T > 0)) throw new RangeError(`thresholdForT: T must be a positive integer, got ${T}`);
  const vs: number[] = [];
  const cs: number[] = [];
  let max = 0;
  for (const [v, c] of entries) {
    vs.push(v);
    cs.push(c);
    if (v > max) max = v;
  }
  if (max === 0) return 1; // a layer that never activates: any θ conveys 0
  const vals = Float64Array.from(vs);
  const counts = Float64Array.from(cs);
  const steps = 64;
  const thetas = new Float64Array(steps + 1);
  let lo = 0.02 * max;
  let hi = max;
  let best = max;
  for (let round = 0; round < 3; round++) {
    for (let k = 0; k <= steps; k++) thetas[k] = lo + ((hi - lo) * k) / steps;
    const errs = simdErrors(vals, counts, T, f, thetas) ?? jsErrors(vals, counts, T, f, thetas);
    let bestErr = Infinity;
    for (let k = 0; k <= steps; k++) if (errs[k] < bestErr) [bestErr, best] = [errs[k], thetas[k]];
    const span = (hi - lo) / steps;
    [lo, hi] = [Math.max(1e-12, best - span), Math.min(max, best + span)];
  }
  return best;
}
