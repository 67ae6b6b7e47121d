import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';

/**
 * Concatenation along `axis`, numbered on the batched NHWC tensor (0 is the batch, so channels of an
 * image are 3; −1 is the last). Every other axis must agree. Attr `axis` (default −1).
 *
 * @example
 * b.add({ name: 'cat', op: 'Concat', inputs: ['branch1', 'branch2'], attrs: { axis: 3 } });
 */
export const concat: LayerDef = {
  op: 'Concat',
  arity: [1, Number.POSITIVE_INFINITY],
  attrs(a) {
    const axis = a.axis ?? -1;
    if (!Number.isInteger(axis)) throw new Error(`attribute axis must be an integer, got ${JSON.stringify(axis)}`);
    return { axis };
  },
  inferShape({ attrs, inputShapes }) {
    const rank = inputShapes[0].length + 1;
    const raw = attrs.axis as number;
    const axis = raw < 0 ? raw + rank : raw;
    if (axis < 1 || axis >= rank)
      throw new Error(`axis ${raw} must be in 1..${rank - 1} (or −${rank - 1}..−1) for a rank-${rank} batched tensor; the batch axis 0 cannot be concatenated`);
    const out = [...inputShapes[0]];
    for (const s of inputShapes.slice(1)) {
      if (s.length !== out.length || s.some((d, i) => i !== axis - 1 && d !== out[i])) {
        throw new Error(`shapes ${inputShapes.map((x) => `[${x.join(', ')}]`).join(', ')} differ outside axis ${axis}`);
      }
      out[axis - 1] += s[axis - 1];
    }
    return out;
  },
  forward({ node, inputs }) {
    const raw = node.attrs.axis as number;
    return tf.concat([...inputs], raw < 0 ? raw + inputs[0].rank : raw);
  },
};
