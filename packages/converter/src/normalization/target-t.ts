import { thresholdForT } from '../stats/threshold-for-t.js';
import type { NormStrategy } from './types.js';

/** θ minimising the error between a and what an IF neuron conveys in T steps (see {@link thresholdForT}). */
export const targetTStrategy: NormStrategy<{ kind: 'targetT'; T: number; v0Fraction?: number }> = {
  kind: 'targetT',
  validate(m) {
    if (!(Number.isInteger(m.T) && m.T > 0)) throw new RangeError(`targetT mode: T must be a positive integer, got ${m.T}`);
    const f = m.v0Fraction ?? 0.5;
    if (!(f >= 0 && f < 1)) throw new RangeError(`targetT mode: v0Fraction must be in [0, 1), got ${f}`);
  },
  fromHistogram: (h, m) => thresholdForT(h.entries(), m.T, m.v0Fraction ?? 0.5),
};
