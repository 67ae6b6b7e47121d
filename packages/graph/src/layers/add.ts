import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';

/**
 * Elementwise sum of two or more inputs, y = x₁ + x₂ + … (a residual connection). The shapes must
 * be equal or broadcast (NumPy rules, batch excluded).
 *
 * @example
 * b.add({ name: 'res', op: 'Add', inputs: ['conv2', 'x'] });
 */
export const add: LayerDef = {
  op: 'Add',
  arity: [2, Number.POSITIVE_INFINITY],
  inferShape({ inputShapes }) {
    return inputShapes.reduce<number[]>((a, b) => tf.backend_util.assertAndGetBroadcastShape(a, [...b]), [...inputShapes[0]]);
  },
  forward: ({ inputs }) => inputs.slice(1).reduce((a, b) => tf.add(a, b), inputs[0]),
};
