import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';
import { bool } from './attrs.js';
import { nhwcPaddings, poolAttrs, poolShape } from './pool-util.js';
import { avgPoolTrain } from './train/avg-pool.js';

/**
 * 2-D average pooling over NHWC: y[n, i, j, c] = (1/D_ij) · Σ_{u<k_h, v<k_w} x̃[n, i·s_h + u, j·s_w + v, c]
 * with x̃ zero-padded by `pads = [top, left, bottom, right]`. With `countIncludePad` true (PyTorch's
 * default) D_ij = k_h·k_w; with false, D_ij counts only the window's cells inside the unpadded
 * input (ONNX's default), computed as the same pooling of a map of ones. Attrs `kernel`, `strides`
 * (default: the kernel), `pads` [0, 0, 0, 0], `countIncludePad` true.
 *
 * @example
 * b.add({ name: 'pool1', op: 'AvgPool2d', inputs: ['relu1'], attrs: { kernel: [2, 2] } });
 */
export const avgPool2d: LayerDef = {
  op: 'AvgPool2d',
  attrs: (a) => ({ ...poolAttrs(a), countIncludePad: bool(a, 'countIncludePad', true) }),
  inferShape: poolShape,
  forward({ node, inputs: [x], training }) {
    const kernel = node.attrs.kernel as [number, number];
    const strides = node.attrs.strides as [number, number];
    const pads = node.attrs.pads as number[];
    const plain = pads.every((p) => p === 0);
    if (training && plain && strides[0] === kernel[0] && strides[1] === kernel[1]) return avgPoolTrain(x as tf.Tensor4D, kernel);
    if (plain) return tf.avgPool(x as tf.Tensor4D, kernel, strides, 'valid');
    const y = tf.avgPool(tf.pad(x as tf.Tensor4D, nhwcPaddings(pads)), kernel, strides, 'valid');
    if (node.attrs.countIncludePad) return y;
    // Fraction of each window inside the input: avgPool of a padded map of ones. y / fraction = sum / count.
    const ones = tf.pad(tf.ones([1, x.shape[1] as number, x.shape[2] as number, 1]) as tf.Tensor4D, nhwcPaddings(pads));
    return tf.div(y, tf.avgPool(ones, kernel, strides, 'valid'));
  },
};
