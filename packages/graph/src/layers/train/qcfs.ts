import * as tf from '@tensorflow/tfjs-core';
import { channelSums } from './channel-sums.js';
import { withGrad } from './custom-grad.js';

/**
 * QCFS forward as Bu et al. (2022) compute it, u = x/λ, ŷ = λ·⌊clip(u, 0, 1)·L + ½⌋/L — the same
 * function as λ·clip(⌊x·L/λ + ½⌋/L, 0, 1), since ⌊·⌋ is monotone and ⌊½⌋ = 0, ⌊L + ½⌋ = L.
 */
export function qcfsValue(x: tf.Tensor, lambda: tf.Tensor, levels: number): tf.Tensor {
  const c = tf.clipByValue(tf.div(x, lambda), 0, 1);
  return tf.mul(tf.div(tf.floor(tf.add(tf.mul(c, levels), 0.5)), levels), lambda);
}

/**
 * QCFS with a straight-through estimator for the floor (d⌊z⌋/dz := 1), which is what autograd
 * gives for Bu et al.'s `x/λ → clamp(0, 1) → GradFloor(x·L + ½)/L → ·λ`. With u = x/λ and
 * h(u) = ⌊clip(u, 0, 1)·L + ½⌋/L:
 *
 *   ∂ŷ/∂x = 1[0 ≤ u ≤ 1]
 *   ∂ŷ/∂λ = h(u) − u for 0 ≤ u ≤ 1,  1 for u > 1,  0 for u < 0
 *
 * (clamp passes its gradient on the closed interval, as PyTorch's does). λ is `[1]` (per layer)
 * or `[C]` (per channel of the last axis); dλ sums over the values each λ scales.
 */
export function qcfsTrain(x: tf.Tensor, lambda: tf.Tensor, levels: number): tf.Tensor {
  return withGrad([x, lambda], ([xi, lam], save) => {
    const u = tf.div(xi, lam);
    save([u]);
    return {
      value: qcfsValue(xi, lam, levels),
      gradFunc: (dy, [us]) => {
        const inside = tf.logicalAnd(tf.greaterEqual(us, 0), tf.lessEqual(us, 1));
        const h = tf.div(tf.floor(tf.add(tf.mul(tf.clipByValue(us, 0, 1), levels), 0.5)), levels);
        const dU = tf.where(inside, tf.sub(h, us), tf.cast(tf.greater(us, 1), 'float32'));
        const dLamAll = tf.mul(dy, dU);
        const dLam = lam.size === 1 ? tf.reshape(tf.sum(dLamAll), lam.shape) : tf.reshape(channelSums(dLamAll), lam.shape);
        return [tf.mul(dy, tf.cast(inside, 'float32')), dLam];
      },
    };
  });
}
