import * as tf from '@tensorflow/tfjs-core';
import type { VThreshold } from './types.js';

/**
 * The reset step: the membrane potential after the spikes S were fired from H.
 *
 * - reset by subtraction (`vReset = null`): V = H − S·θ (each spike takes one θ away; with
 *   multi-level spikes S may be above 1),
 * - hard reset (`vReset = V_r`): V = H·(1 − M) + V_r·M with M = [S > 0], i.e. V_r wherever a spike
 *   was fired (SpikingJelly's `V = (1 − S)·H + S·V_r`).
 *
 * @example
 * reset(tf.tensor1d([0.4, 1.2]), tf.tensor1d([0, 1]), 1, null); // [0.4, 0.2]
 * reset(tf.tensor1d([0.4, 1.2]), tf.tensor1d([0, 1]), 1, 0);    // [0.4, 0]
 */
export function reset(h: tf.Tensor, spikes: tf.Tensor, theta: VThreshold, vReset: number | null): tf.Tensor {
  return tf.tidy(() => {
    if (vReset === null) return tf.sub(h, tf.mul(spikes, theta));
    const fired = tf.cast(tf.greater(spikes, 0), 'float32');
    return tf.add(tf.mul(h, tf.sub(1, fired)), tf.mul(fired, vReset));
  });
}
