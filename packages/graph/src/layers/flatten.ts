import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';

/**
 * `[N, d₁, …, d_k]` → `[N, d₁·…·d_k]` in row-major order: an NHWC map flattens in H·W·C order
 * (PyTorch flattens NCHW in C·H·W order; importers permute the next Linear's rows).
 *
 * @example
 * b.add({ name: 'flat', op: 'Flatten', inputs: ['pool3'] });
 */
export const flatten: LayerDef = {
  op: 'Flatten',
  inferShape: ({ inputShapes: [x] }) => [x.reduce((a, b) => a * b, 1)],
  forward: ({ inputs: [x] }) => tf.reshape(x, [x.shape[0], -1]),
};
