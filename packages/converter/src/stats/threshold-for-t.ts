/**
 * The threshold θ that makes an IF neuron best express a layer's activations in T steps.
 *
 * With constant input a, reset by subtraction and initial potential f·θ, an IF neuron fires
 * n = clip(⌊a·T/θ + f⌋, 0, T) spikes in T steps, so it conveys q_θ(a) = n·θ/T. We pick
 *
 *   θ* = argmin_θ Σ_a count(a) · (a − q_θ(a))²
 *
 * over a coarse grid (θ from 2% to 100% of the maximum) refined twice around the best point.
 * `entries` are (value, count) pairs, e.g. a {@link StreamingHistogram}'s.
 */
export function thresholdForT(entries: Iterable<[number, number]>, T: number, f = 0.5): number {
  if (!(Number.isInteger(T) && T > 0)) throw new RangeError(`thresholdForT: T must be a positive integer, got ${T}`);
  const vals: number[] = [];
  const counts: number[] = [];
  let max = 0;
  for (const [v, c] of entries) {
    vals.push(v);
    counts.push(c);
    if (v > max) max = v;
  }
  if (max === 0) return 1; // a layer that never activates: any θ conveys 0
  const err = (theta: number): number => {
    let e = 0;
    for (let i = 0; i < vals.length; i++) {
      const n = Math.min(T, Math.max(0, Math.floor((vals[i] * T) / theta + f)));
      const d = vals[i] - (n * theta) / T;
      e += counts[i] * d * d;
    }
    return e;
  };
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
