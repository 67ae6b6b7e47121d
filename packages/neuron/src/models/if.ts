import * as tf from '@tensorflow/tfjs-core';
import type { NeuronModel } from '../types.js';

/**
 * Integrate-and-fire: the input is added to the membrane potential with no leak,
 *
 *   H_t = V_{t−1} + X_t.
 *
 * With reset by subtraction (`vReset: null`) a step is V_t = V_{t−1} + X_t − θ·S_t, so over T steps
 * the firing rate r = N/T obeys r = X/θ − (V_T − V_0)/(T·θ): an unbiased estimate of ReLU(X)/θ
 * for 0 ≤ X ≤ θ, which is what ANN-to-SNN conversion relies on.
 *
 * @example
 * const ifNeuron = getNeuronModel('IF');
 * const { spikes } = step(ifNeuron, initState([3], { vThreshold: 1, vReset: null }), tf.tensor1d([0.3, 1, 2]), { vThreshold: 1, vReset: null });
 */
export const ifModel: NeuronModel = {
  name: 'IF',
  charge: (v, x) => tf.add(v, x),
  scalarCharge: () => (v, x) => Math.fround(v + x),
};
