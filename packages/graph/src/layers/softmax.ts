import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';
import { bool } from './attrs.js';
import { sampleAxes } from './axes.js';

/**
 * Softmax over a set of axes of each sample: y_i = exp(x_i − m) / Σ_{j∈A} exp(x_j − m) with m the
 * max over A (for stability); with `log: true` the log-softmax x_i − m − log Σ_{j∈A} exp(x_j − m).
 * Attrs `axes` (batch excluded; default: the last), `log` (default false). Monotone per sample, so
 * a spiking readout that ranks spike counts can drop it (the converter's `dropSoftmax` pass).
 *
 * @example
 * b.add({ name: 'probs', op: 'Softmax', inputs: ['fc3'] });
 */
export const softmax: LayerDef = {
  op: 'Softmax',
  attrs: (a) => ({ ...(a.axes === undefined ? {} : { axes: sampleAxes(a) }), log: bool(a, 'log', false) }),
  inferShape({ attrs, inputShapes: [x] }) {
    if (attrs.axes !== undefined) sampleAxes(attrs, x.length);
    return [...x];
  },
  forward({ node, inputs: [x] }) {
    const axes = ((node.attrs.axes as number[] | undefined) ?? [x.rank - 2]).map((k) => k + 1);
    const shifted = tf.sub(x, tf.max(x, axes, true));
    const logSum = tf.log(tf.sum(tf.exp(shifted), axes, true));
    return node.attrs.log ? tf.sub(shifted, logSum) : tf.exp(tf.sub(shifted, logSum));
  },
};
