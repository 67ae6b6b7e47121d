import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';
import { sampleAxes } from './axes.js';

/**
 * Mean or sum over some axes of each sample, keeping them as size 1:
 * y = (1/|A|)·Σ_{i∈A} x_i (`kind: 'mean'`) or Σ_{i∈A} x_i (`'sum'`). Attrs `axes` (batch excluded),
 * `kind`. Linear, so converters pass it through; GlobalAvgPool is the mean over H and W.
 *
 * @example
 * b.add({ name: 'sum', op: 'Reduce', inputs: ['x'], attrs: { axes: [0, 1], kind: 'sum' } });
 */
export const reduce: LayerDef = {
  op: 'Reduce',
  attrs(a) {
    if (a.kind !== 'mean' && a.kind !== 'sum') throw new Error(`attribute kind must be 'mean' or 'sum', got ${JSON.stringify(a.kind)}`);
    return { axes: sampleAxes(a), kind: a.kind };
  },
  inferShape({ attrs, inputShapes: [x] }) {
    const axes = sampleAxes(attrs, x.length);
    return x.map((d, i) => (axes.includes(i) ? 1 : d));
  },
  forward({ node, inputs: [x] }) {
    const axes = (node.attrs.axes as number[]).map((k) => k + 1);
    return node.attrs.kind === 'sum' ? tf.sum(x, axes, true) : tf.mean(x, axes, true);
  },
};
