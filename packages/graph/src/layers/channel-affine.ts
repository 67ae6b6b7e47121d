import * as tf from '@tensorflow/tfjs-core';

/**
 * A per-channel affine map over the last axis: y[…, c] = x[…, c]·s_c + t_c (`s`, `t` are `[C]`;
 * `t` optional, then y = x·s).
 *
 * On wasm this is one 1×1 depthwise convolution with a fused bias: one pass over x instead of two
 * broadcast ops (broadcasting binary ops are ~3× slower than same-shape ones there). XNNPACK computes
 * each value as (x·s) + t, both rounded to float32, so the result is bit-identical to
 * `tf.add(tf.mul(x, s), t)` (tested). Elsewhere it is those two ops.
 */
export function channelAffine(x: tf.Tensor, s: tf.Tensor, t?: tf.Tensor): tf.Tensor {
  if (tf.getBackend() !== 'wasm' || x.rank < 2 || x.rank > 4) return t ? tf.add(tf.mul(x, s), t) : tf.mul(x, s);
  const c = x.shape[x.rank - 1];
  const x4 = x.rank === 4 ? (x as tf.Tensor4D) : (tf.reshape(x, x.rank === 2 ? [x.shape[0], 1, 1, c] : [x.shape[0], x.shape[1], 1, c]) as tf.Tensor4D);
  const filter = tf.reshape(s, [1, 1, c, 1]) as tf.Tensor4D;
  const y = tf.fused.depthwiseConv2d({ x: x4, filter, strides: 1, pad: 'valid', bias: t });
  return x.rank === 4 ? y : tf.reshape(y, x.shape);
}
