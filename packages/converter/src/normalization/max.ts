import * as tf from '@tensorflow/tfjs-core';
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
  deviceBatchStatistic: (t) => deviceMax(t),
  fromHistogram: (h) => h.max,
};

/** max(t) on the tensor's backend, read back as one number. */
async function deviceMax(t: tf.Tensor): Promise<number> {
  const m = tf.max(t);
  const v = (await m.data())[0];
  m.dispose();
  return v;
}

export { deviceMax, maxOf };
