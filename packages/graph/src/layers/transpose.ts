import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';

function perm(a: Readonly<Record<string, unknown>>): number[] {
  const p = a.perm;
  if (!Array.isArray(p) || p.length === 0 || [...p].sort((u, v) => u - v).some((d, i) => d !== i))
    throw new Error(`attribute perm must be a permutation of the axes without batch (0, 1, …), got ${JSON.stringify(p)}`);
  return p as number[];
}

/**
 * Permutes the axes without batch: y[n, i_{perm[0]}, …] = x[n, i_0, …], i.e. output axis k is input
 * axis `perm[k]`. Attr `perm` (batch excluded, 0-based). Importers use it to move between layouts
 * (NHWC ↔ channel-first); it only moves values, so converters pass it through.
 *
 * @example
 * b.add({ name: 'chw', op: 'Transpose', inputs: ['conv3'], attrs: { perm: [2, 0, 1] } });
 */
export const transpose: LayerDef = {
  op: 'Transpose',
  attrs: (a) => ({ perm: perm(a) }),
  inferShape({ attrs, inputShapes: [x] }) {
    const p = attrs.perm as number[];
    if (p.length !== x.length) throw new Error(`perm [${p.join(', ')}] does not fit the input [${x.join(', ')}] (batch excluded)`);
    return p.map((k) => x[k]);
  },
  forward: ({ node, inputs: [x] }) => tf.transpose(x, [0, ...(node.attrs.perm as number[]).map((k) => k + 1)]),
};
