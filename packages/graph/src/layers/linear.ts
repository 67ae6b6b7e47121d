import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';
import { expectRank } from './attrs.js';

/**
 * Fully connected layer on `[N, in]`: y = x·W + b with W `[in, out]` (PyTorch's `[out, in]`
 * transposed) and optional b `[out]`.
 *
 * @example
 * b.add({ name: 'fc', op: 'Linear', inputs: ['flat'], params: { weight: tf.zeros([32, 10]), bias: tf.zeros([10]) } });
 */
export const linear: LayerDef = {
  op: 'Linear',
  params: { required: ['weight'], optional: ['bias'] },
  trainable: ['weight', 'bias'],
  inferShape({ params, inputShapes: [x] }) {
    expectRank(x, 1, 'the input (add a Flatten before Linear)');
    const w = params.weight.shape;
    if (w.length !== 2 || w[0] !== x[0]) throw new Error(`weight must be [in, out] = [${x[0]}, out], got [${w.join(', ')}]`);
    if (params.bias && (params.bias.rank !== 1 || params.bias.shape[0] !== w[1]))
      throw new Error(`bias must be [${w[1]}], got [${params.bias.shape.join(', ')}]`);
    return [w[1]];
  },
  forward({ node, inputs: [x] }) {
    const y = tf.matMul(x as tf.Tensor2D, node.params.weight as tf.Tensor2D);
    return node.params.bias ? tf.add(y, node.params.bias) : y;
  },
};
