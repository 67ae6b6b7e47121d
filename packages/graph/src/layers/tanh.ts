import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';

/**
 * Hyperbolic tangent, y = (e^x − e^(−x)) / (e^x + e^(−x)), elementwise. For ANN inference
 * (converters refuse it).
 *
 * @example
 * b.add({ name: 't', op: 'Tanh', inputs: ['fc1'] });
 */
export const tanh: LayerDef = {
  op: 'Tanh',
  inferShape: ({ inputShapes: [x] }) => [...x],
  forward: ({ inputs: [x] }) => tf.tanh(x),
};
