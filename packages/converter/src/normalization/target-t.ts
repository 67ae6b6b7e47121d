import { thresholdForT } from '../stats/threshold-for-t.js';
import type { NormStrategy } from './types.js';

/**
 * θ minimising the error between a and what an IF neuron conveys in T steps (see {@link thresholdForT}).
 * With `burst` = k (an IF that may fire up to k spikes of θ per step, `recipe.maxSpikes`), the neuron
 * conveys n·θ/T for n = 0..k·T, the grid of a k·T-step neuron with threshold k·θ:
 * θ = thresholdForT(a, k·T) / k.
 */
export const targetTStrategy: NormStrategy<{ kind: 'targetT'; T: number; v0Fraction?: number; burst?: number }> = {
  kind: 'targetT',
  validate(m) {
    if (!(Number.isInteger(m.T) && m.T > 0)) throw new RangeError(`targetT mode: T must be a positive integer, got ${m.T}`);
    const f = m.v0Fraction ?? 0.5;
    if (!(f >= 0 && f < 1)) throw new RangeError(`targetT mode: v0Fraction must be in [0, 1), got ${f}`);
    const k = m.burst ?? 1;
    if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`targetT mode: burst must be an integer ≥ 1, got ${k}`);
  },
  fromHistogram: (h, m) => thresholdForT(h.entries(), m.T * (m.burst ?? 1), m.v0Fraction ?? 0.5) / (m.burst ?? 1),
};
