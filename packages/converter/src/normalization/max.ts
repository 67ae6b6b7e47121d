import type { NormStrategy } from './types.js';

const maxOf = (v: Float32Array) => {
  let m = -Infinity;
  for (let i = 0; i < v.length; i++) if (v[i] > m) m = v[i];
  return m;
};

/** θ = max(a): no activation exceeds what the neuron can express (Diehl et al. 2015). */
export const maxStrategy: NormStrategy<{ kind: 'max' }> = {
  kind: 'max',
  validate() {},
  batchStatistic: (v) => maxOf(v),
  fromHistogram: (h) => h.max,
};

export { maxOf };
