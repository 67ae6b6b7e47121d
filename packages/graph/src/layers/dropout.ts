import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';
import { num } from './attrs.js';

/**
 * Inverted dropout. Training: y = x·m/(1 − p) with m ~ Bernoulli(1 − p) per element; inference:
 * y = x. Attr `rate` p ∈ [0, 1), default 0.5. The mask is seeded from execute()'s `seed`.
 *
 * @example
 * b.add({ name: 'drop', op: 'Dropout', inputs: ['fc1'], attrs: { rate: 0.2 } });
 */
export const dropout: LayerDef = {
  op: 'Dropout',
  attrs(a) {
    const rate = num(a, 'rate', 0.5);
    if (rate < 0 || rate >= 1) throw new Error(`attribute rate must be in [0, 1), got ${rate}`);
    return { rate };
  },
  inferShape: ({ inputShapes: [x] }) => [...x],
  forward({ node, inputs: [x], training, seed }) {
    const rate = node.attrs.rate as number;
    return training && rate > 0 ? tf.dropout(x, rate, undefined, seed()) : tf.clone(x);
  },
};
