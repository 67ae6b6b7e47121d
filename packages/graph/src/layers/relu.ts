import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';

/**
 * Rectified linear unit: y = max(x, 0), elementwise.
 *
 * @example
 * b.add({ name: 'relu1', op: 'ReLU', inputs: ['bn1'] });
 */
export const relu: LayerDef = {
  op: 'ReLU',
  inferShape: ({ inputShapes: [x] }) => [...x],
  forward: ({ inputs: [x] }) => tf.relu(x),
};
