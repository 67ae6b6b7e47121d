import * as tf from '@tensorflow/tfjs-core';
import { borrow } from './borrow.js';

interface Attrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/**
 * Conv2DBackpropFilter built from a forward convolution, for backends that lack it (tfjs-backend-wasm).
 *
 * dW[kh, kw, ci, co] = Σ_{b, oh, ow} x̃[b, oh·s_h + kh, ow·s_w + kw, ci] · dy[b, oh, ow, co]
 *
 * where x̃ is x zero-padded as the forward pass padded it. Reading ci as the batch and b as the
 * channel turns this into conv2d(x̃ᵀ, dyᵀ) with dilation s and stride 1.
 */
export function conv2dBackpropFilterViaConv(x: tf.Tensor4D, dy: tf.Tensor4D, attrs: Attrs): tf.Tensor4D {
  if (attrs.dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter (wasm): dataFormat NCHW is not supported; snn-ts runs NHWC');
  const [kh, kw, ci, co] = attrs.filterShape;
  const info = tf.backend_util.computeConv2DInfo(x.shape, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
  const { top, left } = info.padInfo;
  const [sh, sw] = [info.strideHeight, info.strideWidth];
  const needH = (info.outHeight - 1) * sh + kh;
  const needW = (info.outWidth - 1) * sw + kw;
  return tf.tidy(() => {
    const bottom = Math.max(0, needH - x.shape[1] - top);
    const right = Math.max(0, needW - x.shape[2] - left);
    const xp = tf.pad(x, [
      [0, 0],
      [top, bottom],
      [left, right],
      [0, 0],
    ]);
    const xT = tf.transpose(xp, [3, 1, 2, 0]) as tf.Tensor4D; // [ci, H, W, B]
    const dyT = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // [oh, ow, B, co]
    const full = tf.conv2d(xT, dyT, 1, 'valid', 'NHWC', [sh, sw]); // [ci, ≥kh, ≥kw, co]
    const cut = tf.slice(full, [0, 0, 0, 0], [ci, kh, kw, co]);
    return tf.transpose(cut, [1, 2, 0, 3]) as tf.Tensor4D;
  });
}

/** The tfjs kernel config that plugs {@link conv2dBackpropFilterViaConv} into a backend. */
export function conv2dBackpropFilterKernel(backendName: string): tf.KernelConfig {
  return {
    kernelName: tf.Conv2DBackpropFilter,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
      const xt = borrow(x, backend as tf.KernelBackend) as tf.Tensor4D;
      const dyt = borrow(dy, backend as tf.KernelBackend) as tf.Tensor4D;
      try {
        return conv2dBackpropFilterViaConv(xt, dyt, attrs as unknown as Attrs);
      } finally {
        xt.dispose();
        dyt.dispose();
      }
    },
  };
}
