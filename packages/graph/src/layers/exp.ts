import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';

/**
 * Exponential, y = e^x, elementwise. For ANN inference (converters refuse it).
 *
 * @example
 * b.add({ name: 'e', op: 'Exp', inputs: ['fc1'] });
 */
export const exp: LayerDef = {
  op: 'Exp',
  inferShape: ({ inputShapes: [x] }) => [...x],
  forward: ({ inputs: [x] }) => tf.exp(x),
};
