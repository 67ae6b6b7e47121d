import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';

/**
 * Elementwise affine map with constant operands: y = x·scale + shift. `scale` and `shift` (each
 * optional) broadcast to the input's shape without batch (NumPy rules, graph layout): `[C]` is one
 * value per channel of an NHWC map, `[H, W, C]` one per element. Importers use it for
 * `(x − mean) / std` and other arithmetic with constants; it is linear, so converters pass it through.
 *
 * @example
 * b.add({ name: 'norm', op: 'Affine', inputs: ['x'], params: { scale: tf.tensor1d([1 / 0.3081]), shift: tf.tensor1d([-0.1307 / 0.3081]) } });
 */
export const affine: LayerDef = {
  op: 'Affine',
  params: { optional: ['scale', 'shift'] },
  trainable: [],
  inferShape({ params, inputShapes: [x] }) {
    for (const p of ['scale', 'shift'] as const) {
      const t = params[p];
      if (!t) continue;
      const s = t.shape;
      const fits = s.length <= x.length && s.every((d, i) => d === 1 || d === x[x.length - s.length + i]);
      if (!fits) throw new Error(`param ${p} [${s.join(', ')}] does not broadcast to the input [${x.join(', ')}] without changing its shape`);
    }
    return [...x];
  },
  forward({ node, inputs: [x] }) {
    const { scale, shift } = node.params;
    const y = scale ? tf.mul(x, scale) : x;
    return shift ? tf.add(y, shift) : tf.clone(y);
  },
};
