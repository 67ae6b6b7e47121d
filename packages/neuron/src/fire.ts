import * as tf from '@tensorflow/tfjs-core';
import type { VThreshold } from './types.js';

/**
 * The fire step: spikes from the charged potential H.
 *
 * - `maxSpikes = 1` (default): S = Θ(H − θ), i.e. 1 where H ≥ θ, else 0 (SpikingJelly's Heaviside).
 * - `maxSpikes = m > 1` (multi-level / burst spikes): S = min(⌊H/θ⌋, m), at least 0. ⌊H/θ⌋ is
 *   corrected by one where float rounding of H/θ disagrees with the float product S·θ, so that
 *   S·θ ≤ H always holds as computed: a soft reset never drives V below 0 by rounding, and
 *   S ≥ 1 exactly where H ≥ θ, as with binary spikes.
 *
 * Returns float32 spike counts shaped like H.
 *
 * @example
 * fire(tf.tensor1d([0.5, 1, 2.5]), 1, 1); // [0, 1, 1]
 * fire(tf.tensor1d([0.5, 1, 2.5]), 1, 3); // [0, 1, 2]
 */
export function fire(h: tf.Tensor, theta: VThreshold, maxSpikes = 1): tf.Tensor {
  return tf.tidy(() => {
    if (maxSpikes === 1) return tf.cast(tf.greaterEqual(h, theta), 'float32');
    const k0 = tf.floor(tf.div(h, theta));
    const tooHigh = tf.cast(tf.less(h, tf.mul(k0, theta)), 'float32');
    const tooLow = tf.cast(tf.greaterEqual(h, tf.mul(tf.add(k0, 1), theta)), 'float32');
    return tf.clipByValue(tf.add(tf.sub(k0, tooHigh), tooLow), 0, maxSpikes);
  });
}
