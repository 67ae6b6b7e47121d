import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';

/**
 * Parametric ReLU, y = x for x ≥ 0 and slope·x below, with param `slope` broadcast to the input
 * without batch (`[C]` per channel of NHWC, or a full shape). For ANN inference (converters refuse it).
 *
 * @example
 * b.add({ name: 'prelu', op: 'PReLU', inputs: ['conv1'], params: { slope: tf.fill([16], 0.25) } });
 */
export const prelu: LayerDef = {
  op: 'PReLU',
  params: { required: ['slope'] },
  trainable: ['slope'],
  inferShape({ params, inputShapes: [x] }) {
    const s = params.slope.shape;
    if (s.length > x.length || !s.every((d, i) => d === 1 || d === x[x.length - s.length + i]))
      throw new Error(`param slope [${s.join(', ')}] does not broadcast to the input [${x.join(', ')}]`);
    return [...x];
  },
  // max(0, x) + slope·min(0, x): tf.prelu wants an alpha of the input's trailing shape.
  forward: ({ node, inputs: [x] }) => tf.add(tf.relu(x), tf.mul(node.params.slope, tf.minimum(x, 0))),
};
