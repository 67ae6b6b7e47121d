import * as tf from '@tensorflow/tfjs-core';

/**
 * Per-channel sums over every axis but the last: s_c = Σ_{n,…} t[n, …, c], shape `[C]`.
 *
 * Computed as an average pooling over the spatial axes (times their size) and a sum over the
 * batch, because reducing over leading axes makes tfjs-backend-wasm transpose the whole tensor
 * first (5–10× slower here).
 */
export function channelSums(t: tf.Tensor): tf.Tensor1D {
  const c = t.shape[t.rank - 1];
  const n = t.shape[0];
  const inner = t.size / (n * c);
  if (inner === 1) return tf.sum(tf.reshape(t, [n, c]), 0) as tf.Tensor1D;
  const [h, w] = t.rank === 4 ? [t.shape[1] as number, t.shape[2] as number] : [inner, 1];
  const pooled = tf.avgPool(tf.reshape(t, [n, h, w, c]) as tf.Tensor4D, [h, w], 1, 'valid');
  return tf.mul(tf.sum(tf.reshape(pooled, [n, c]), 0), inner) as tf.Tensor1D;
}
