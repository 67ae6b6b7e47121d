import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';
import { num } from './attrs.js';

/**
 * Leaky ReLU, y = x for x ≥ 0 and α·x below, elementwise. Attr `alpha` (default 0.01). For ANN
 * inference (converters refuse it: an IF neuron has no negative rate).
 *
 * @example
 * b.add({ name: 'lrelu', op: 'LeakyReLU', inputs: ['conv1'], attrs: { alpha: 0.1 } });
 */
export const leakyRelu: LayerDef = {
  op: 'LeakyReLU',
  attrs: (a) => ({ alpha: num(a, 'alpha', 0.01) }),
  inferShape: ({ inputShapes: [x] }) => [...x],
  forward: ({ node, inputs: [x] }) => tf.leakyRelu(x, node.attrs.alpha as number),
};
