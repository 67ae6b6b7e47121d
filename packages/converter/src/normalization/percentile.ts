import { quantile } from '../stats/quantile.js';
import type { NormStrategy } from './types.js';

/** θ = the p-th percentile of a (Rueckauer et al. 2017's robust normalisation; the tutorial's `99.9%`). */
export const percentileStrategy: NormStrategy<{ kind: 'percentile'; p: number }> = {
  kind: 'percentile',
  validate(m) {
    if (!(m.p > 0 && m.p <= 100)) throw new RangeError(`percentile mode: p must be in (0, 100], got ${m.p}`);
  },
  batchStatistic: (v, m) => quantile(v, m.p / 100),
  fromHistogram: (h, m) => h.quantile(m.p / 100),
};
