import * as tf from '@tensorflow/tfjs-core';
import { highQuantile } from '../stats/high-quantile.js';
import { hostValues } from '@snn/graph';
import type { NormStrategy } from './types.js';

/** θ = the p-th percentile of a (Rueckauer et al. 2017's robust normalisation; the tutorial's `99.9%`). */
export const percentileStrategy: NormStrategy<{ kind: 'percentile'; p: number }> = {
  kind: 'percentile',
  validate(m) {
    if (!(m.p > 0 && m.p <= 100)) throw new RangeError(`percentile mode: p must be in (0, 100], got ${m.p}`);
  },
  batchStatistic: (v, m) => highQuantile(v, m.p / 100),
  // where the values are in this thread's memory, selecting from them in place beats tf.topk (same θ bit for bit)
  deviceBatchStatistic: async (t, m) => {
    const v = hostValues(t);
    return v ? highQuantile(v, m.p / 100) : topkQuantile(t, m.p / 100);
  },
  fromHistogram: (h, m) => h.quantile(m.p / 100),
};

/** Largest k for which the top-k route is used; past it, reading the tensor back is as cheap. */
const MAX_TOP_K = 1 << 16;

/**
 * A high quantile from the top k values only (k = n − ⌊q(n−1)⌋ ≤ 65,536; else undefined), with the
 * same linear interpolation as `quantile`: v[lo] and v[lo+1] ascending are the k-th and (k−1)-th
 * largest, Q = v₍lo₎ + (q(n−1) − lo)·(v₍lo₊₁₎ − v₍lo₎). The route for tensors on a GPU (`tf.topk` there).
 */
export async function topkQuantile(t: tf.Tensor, q: number): Promise<number | undefined> {
  const n = t.size;
  const p = q * (n - 1);
  const lo = Math.floor(p);
  const k = n - lo;
  if (k > MAX_TOP_K) return undefined;
  const top = tf.tidy(() => tf.topk(tf.reshape(t, [-1]), k, true).values);
  const v = await top.data();
  top.dispose();
  const vLo = v[k - 1];
  return k >= 2 && p > lo ? vLo + (p - lo) * (v[k - 2] - vLo) : vLo;
}
