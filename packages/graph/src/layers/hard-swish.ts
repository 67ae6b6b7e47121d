import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';

/**
 * Hard swish, y = x · max(0, min(1, x/6 + 1/2)), elementwise (MobileNetV3). For ANN inference
 * (converters refuse it).
 *
 * @example
 * b.add({ name: 'hsw', op: 'HardSwish', inputs: ['conv1'] });
 */
export const hardSwish: LayerDef = {
  op: 'HardSwish',
  inferShape: ({ inputShapes: [x] }) => [...x],
  forward: ({ inputs: [x] }) => tf.mul(x, tf.clipByValue(tf.add(tf.mul(x, 1 / 6), 0.5), 0, 1)),
};
