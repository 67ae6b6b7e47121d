import * as tf from '@tensorflow/tfjs-core';

/**
 * Mean softmax cross-entropy (PyTorch's `CrossEntropyLoss`) of logits `[N, C]` against class
 * indices `[N]` (int32) or one-hot / probability rows `[N, C]`:
 *
 *   L = −(1/N) Σ_n Σ_c y[n, c] · log softmax(z[n])_c
 *
 * @example
 * crossEntropy(tf.tensor2d([[2, 0]]), tf.tensor1d([0], 'int32')); // log(1 + e⁻²) ≈ 0.1269
 */
export function crossEntropy(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    if (logits.rank !== 2) throw new Error(`crossEntropy: logits must be [N, C], got [${logits.shape.join(', ')}]`);
    const [n, c] = logits.shape;
    const target = labels.rank === 1 ? tf.cast(tf.oneHot(tf.cast(labels, 'int32'), c), 'float32') : tf.cast(labels, 'float32');
    if (target.shape[0] !== n || target.shape[1] !== c) {
      throw new Error(`crossEntropy: labels [${labels.shape.join(', ')}] do not fit logits [${logits.shape.join(', ')}]`);
    }
    return tf.neg(tf.div(tf.sum(tf.mul(target, tf.logSoftmax(logits))), n)) as tf.Scalar;
  });
}
