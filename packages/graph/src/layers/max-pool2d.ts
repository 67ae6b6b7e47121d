import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';
import { pair } from './attrs.js';
import { nhwcPaddings, poolAttrs, poolShape } from './pool-util.js';

/**
 * 2-D max pooling over NHWC: y[n, i, j, c] = max_{u<k_h, v<k_w} x̃[n, i·s_h + u·d_h, j·s_w + v·d_w, c]
 * with x̃ padded by −∞ (padding never wins). Attrs `kernel`, `strides` (default: the kernel),
 * `pads`, `dilations` (optional, default [1, 1]).
 *
 * @example
 * b.add({ name: 'pool1', op: 'MaxPool2d', inputs: ['relu1'], attrs: { kernel: [2, 2] } });
 */
export const maxPool2d: LayerDef = {
  op: 'MaxPool2d',
  attrs: (a) => ({ ...poolAttrs(a), ...(a.dilations === undefined ? {} : { dilations: pair(a, 'dilations', [1, 1]) }) }),
  inferShape: poolShape,
  forward({ node, inputs: [x] }) {
    const kernel = node.attrs.kernel as [number, number];
    const strides = node.attrs.strides as [number, number];
    const pads = node.attrs.pads as number[];
    const src = pads.every((p) => p === 0) ? (x as tf.Tensor4D) : tf.pad(x as tf.Tensor4D, nhwcPaddings(pads), Number.NEGATIVE_INFINITY);
    const d = (node.attrs.dilations as [number, number] | undefined) ?? [1, 1];
    if (d[0] === 1 && d[1] === 1) return tf.maxPool(src, kernel, strides, 'valid');
    // tfjs pools dilate only with stride 1: take the max of the k_h·k_w strided taps instead.
    const [n, ho, wo, c] = [x.shape[0], node.shape[0], node.shape[1], node.shape[2]];
    let y: tf.Tensor | undefined;
    for (let u = 0; u < kernel[0]; u++)
      for (let v = 0; v < kernel[1]; v++) {
        const end = [n, u * d[0] + (ho - 1) * strides[0] + 1, v * d[1] + (wo - 1) * strides[1] + 1, c];
        const tap = tf.stridedSlice(src, [0, u * d[0], v * d[1], 0], end, [1, strides[0], strides[1], 1]);
        y = y ? tf.maximum(y, tap) : tap;
      }
    return y as tf.Tensor;
  },
};
