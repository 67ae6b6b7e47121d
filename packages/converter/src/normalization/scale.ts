import { deviceMax, maxOf } from './max.js';
import type { NormStrategy } from './types.js';

/** θ = s · max(a), s in (0, 1] (the tutorial's modes 1/2 … 1/5). */
export const scaleStrategy: NormStrategy<{ kind: 'scale'; s: number }> = {
  kind: 'scale',
  validate(m) {
    if (!(m.s > 0 && m.s <= 1)) throw new RangeError(`scale mode: s must be in (0, 1], got ${m.s}`);
  },
  batchStatistic: (v, m) => m.s * maxOf(v),
  deviceBatchStatistic: async (t, m) => m.s * (await deviceMax(t)),
  fromHistogram: (h, m) => m.s * h.max,
};
