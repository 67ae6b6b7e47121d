import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';
import { expectRank, int, pads4, pair, tfPadding, windowOut } from './attrs.js';
import { type ConvAttrs, convTrain } from './train/conv2d.js';

/** Grouped convolution by splitting channels (depthwise when each group has one input channel). */
function groupedConv(
  x: tf.Tensor4D,
  w: tf.Tensor4D,
  groups: number,
  strides: [number, number],
  pad: ReturnType<typeof tfPadding>,
  dil: [number, number],
): tf.Tensor4D {
  const [kh, kw, cinG, cout] = w.shape;
  if (cinG === 1 && x.shape[3] === groups) {
    // Output channel o = g·m + j reads input channel g: exactly tfjs' depthwise layout [kh, kw, C, m].
    return tf.depthwiseConv2d(x, tf.reshape(w, [kh, kw, groups, cout / groups]) as tf.Tensor4D, strides, pad, 'NHWC', dil) as tf.Tensor4D;
  }
  const xs = tf.split(x, groups, 3);
  const ws = tf.split(w, groups, 3);
  return tf.concat(
    xs.map((xi, g) => tf.conv2d(xi as tf.Tensor4D, ws[g] as tf.Tensor4D, strides, pad, 'NHWC', dil)),
    3,
  );
}

/**
 * 2-D convolution, NHWC input, HWIO weight `[kh, kw, C/groups, M]`, optional bias `[M]`:
 *
 *   y[n, i, j, o] = b[o] + Σ_{u, v, c} x̃[n, i·s_h + u·d_h, j·s_w + v·d_w, g·C/G + c] · W[u, v, c, o],  g = ⌊o / (M/G)⌋
 *
 * with x̃ zero-padded by `pads = [top, left, bottom, right]` (asymmetric allowed). Output size per
 * axis: ⌊(n + p_before + p_after − d·(k − 1) − 1) / s⌋ + 1. In training mode the gradients come
 * from `train/conv2d.ts` (im2col or convolution-only formulas, fast on wasm). Attrs: `strides` [1, 1], `pads` [0, 0, 0, 0],
 * `dilations` [1, 1], `groups` 1.
 *
 * @example
 * b.add({ name: 'conv1', op: 'Conv2d', inputs: ['x'], attrs: { pads: [1, 1, 1, 1] }, params: { weight: w, bias: b } });
 */
export const conv2d: LayerDef = {
  op: 'Conv2d',
  params: { required: ['weight'], optional: ['bias'] },
  trainable: ['weight', 'bias'],
  attrs: (a) => ({ strides: pair(a, 'strides', [1, 1]), pads: pads4(a), dilations: pair(a, 'dilations', [1, 1]), groups: int(a, 'groups', 1) }),
  inferShape({ attrs, params, inputShapes: [x] }) {
    expectRank(x, 3, 'the input');
    const w = params.weight.shape;
    if (w.length !== 4) throw new Error(`weight must be HWIO [kh, kw, C/groups, M], got [${w.join(', ')}]`);
    const [kh, kw, cinG, m] = w;
    const g = attrs.groups as number;
    const [s, p, d] = [attrs.strides as number[], attrs.pads as number[], attrs.dilations as number[]];
    if (x[2] % g !== 0 || m % g !== 0) throw new Error(`groups=${g} must divide both the input channels (${x[2]}) and the output channels (${m})`);
    if (cinG * g !== x[2]) throw new Error(`weight [${w.join(', ')}] expects ${cinG} input channel(s) per group × ${g} group(s), the input has ${x[2]}`);
    if (params.bias && (params.bias.rank !== 1 || params.bias.shape[0] !== m)) throw new Error(`bias must be [${m}], got [${params.bias.shape.join(', ')}]`);
    const h = windowOut(x[0], kh, s[0], p[0], p[2], d[0]);
    const wd = windowOut(x[1], kw, s[1], p[1], p[3], d[1]);
    if (h < 1 || wd < 1) throw new Error(`a ${kh}x${kw} kernel (dilations [${d.join(', ')}], pads [${p.join(', ')}]) does not fit the input [${x.join(', ')}]`);
    return [h, wd, m];
  },
  forward({ node, inputs: [x], training, noGrad }) {
    const { weight, bias } = node.params;
    if (training && node.attrs.groups === 1) {
      const fast = convTrain(x as tf.Tensor4D, weight as tf.Tensor4D, bias, node.attrs as unknown as ConvAttrs, noGrad[0]);
      if (fast) return fast;
    }
    const strides = node.attrs.strides as [number, number];
    const dil = node.attrs.dilations as [number, number];
    const pad = tfPadding(node.attrs.pads as [number, number, number, number]);
    const groups = node.attrs.groups as number;
    // tfjs refuses strides and dilations both > 1: convolve densely, then subsample.
    const both = strides.some((v) => v > 1) && dil.some((v) => v > 1);
    const s: [number, number] = both ? [1, 1] : strides;
    const x4 = x as tf.Tensor4D;
    const w4 = weight as tf.Tensor4D;
    let y = groups === 1 ? tf.conv2d(x4, w4, s, pad, 'NHWC', dil) : groupedConv(x4, w4, groups, s, pad, dil);
    if (both) {
      const [n, h, w, c] = y.shape;
      y = tf.stridedSlice(y, [0, 0, 0, 0], [n, h, w, c], [1, strides[0], strides[1], 1]) as tf.Tensor4D;
    }
    return bias ? tf.add(y, bias) : y;
  },
};
