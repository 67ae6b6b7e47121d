import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';
import { nhwcPaddings, poolAttrs, poolShape } from './pool-util.js';

/**
 * 2-D max pooling over NHWC: y[n, i, j, c] = max_{u<k_h, v<k_w} x̃[n, i·s_h + u, j·s_w + v, c] with x̃
 * padded by −∞ (padding never wins). Attrs `kernel`, `strides` (default: the kernel), `pads`.
 *
 * @example
 * b.add({ name: 'pool1', op: 'MaxPool2d', inputs: ['relu1'], attrs: { kernel: [2, 2] } });
 */
export const maxPool2d: LayerDef = {
  op: 'MaxPool2d',
  attrs: poolAttrs,
  inferShape: poolShape,
  forward({ node, inputs: [x] }) {
    const kernel = node.attrs.kernel as [number, number];
    const strides = node.attrs.strides as [number, number];
    const pads = node.attrs.pads as number[];
    const src = pads.every((p) => p === 0) ? (x as tf.Tensor4D) : tf.pad(x as tf.Tensor4D, nhwcPaddings(pads), Number.NEGATIVE_INFINITY);
    return tf.maxPool(src, kernel, strides, 'valid');
  },
};
