import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';
import { num } from './attrs.js';

/**
 * Clipped activation: y = min(max(x, min), max). With `min = 0, max = λ` it is the clipped ReLU
 * used to train conversion-friendly ANNs. Attrs `min` (default −∞) and `max` (default +∞), min ≤ max.
 *
 * @example
 * b.add({ name: 'clip1', op: 'Clip', inputs: ['conv1'], attrs: { min: 0, max: 4 } });
 */
export const clip: LayerDef = {
  op: 'Clip',
  attrs(a) {
    const min = num(a, 'min', Number.NEGATIVE_INFINITY, true);
    const max = num(a, 'max', Number.POSITIVE_INFINITY, true);
    if (min > max) throw new Error(`attribute min (${min}) must not exceed max (${max})`);
    return { min, max };
  },
  inferShape: ({ inputShapes: [x] }) => [...x],
  forward: ({ node, inputs: [x] }) => tf.clipByValue(x, node.attrs.min as number, node.attrs.max as number),
};
