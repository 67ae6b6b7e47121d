import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';

/**
 * Logistic sigmoid, y = 1 / (1 + e^(−x)), elementwise. For ANN inference; a rate-coded SNN has no
 * IF equivalent, so converters refuse it.
 *
 * @example
 * b.add({ name: 'gate', op: 'Sigmoid', inputs: ['fc1'] });
 */
export const sigmoid: LayerDef = {
  op: 'Sigmoid',
  inferShape: ({ inputShapes: [x] }) => [...x],
  forward: ({ inputs: [x] }) => tf.sigmoid(x),
};
