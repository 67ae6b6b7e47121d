import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';

/**
 * Reshapes each sample, keeping row-major order: `[N, …]` → `[N, ...shape]`. Attr `shape`
 * (batch excluded, positive sizes whose product is the input's size). Values do not move.
 *
 * @example
 * b.add({ name: 'seq', op: 'Reshape', inputs: ['flat'], attrs: { shape: [1, 20, 8] } });
 */
export const reshape: LayerDef = {
  op: 'Reshape',
  attrs(a) {
    const s = a.shape;
    if (!Array.isArray(s) || s.length === 0 || !s.every((d) => Number.isInteger(d) && d > 0))
      throw new Error(`attribute shape must be positive sizes (batch excluded), got ${JSON.stringify(s)}`);
    return { shape: s };
  },
  inferShape({ attrs, inputShapes: [x] }) {
    const s = attrs.shape as number[];
    const size = (d: readonly number[]) => d.reduce((a, b) => a * b, 1);
    if (size(s) !== size(x)) throw new Error(`shape [${s.join(', ')}] does not hold the ${size(x)} values of the input [${x.join(', ')}]`);
    return [...s];
  },
  forward: ({ node, inputs: [x] }) => tf.reshape(x, [x.shape[0], ...(node.attrs.shape as number[])]),
};
