import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';
import { num } from './attrs.js';

/**
 * Hard sigmoid, y = max(0, min(1, α·x + β)), elementwise. Attrs `alpha` (default 0.2), `beta`
 * (default 0.5), ONNX's defaults. For ANN inference (converters refuse it).
 *
 * @example
 * b.add({ name: 'hs', op: 'HardSigmoid', inputs: ['fc1'], attrs: { alpha: 1 / 6 } });
 */
export const hardSigmoid: LayerDef = {
  op: 'HardSigmoid',
  attrs: (a) => ({ alpha: num(a, 'alpha', 0.2), beta: num(a, 'beta', 0.5) }),
  inferShape: ({ inputShapes: [x] }) => [...x],
  forward: ({ node, inputs: [x] }) => tf.clipByValue(tf.add(tf.mul(x, node.attrs.alpha as number), node.attrs.beta as number), 0, 1),
};
