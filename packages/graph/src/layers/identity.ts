import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';

/**
 * y = x (a new tensor handle on the same data). Useful as a named tap point or an output alias.
 *
 * @example
 * b.add({ name: 'features', op: 'Identity', inputs: ['pool3'] });
 */
export const identity: LayerDef = {
  op: 'Identity',
  inferShape: ({ inputShapes: [x] }) => [...x],
  forward: ({ inputs: [x] }) => tf.clone(x),
};
