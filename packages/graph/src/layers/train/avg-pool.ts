import * as tf from '@tensorflow/tfjs-core';
import { withGrad } from './custom-grad.js';

/**
 * Average pooling for non-overlapping windows (stride = kernel, no padding) with a gradient that
 * spreads each dy evenly over its window by broadcasting: dx[n, i·k_h + u, j·k_w + v, c] =
 * dy[n, i, j, c]/(k_h·k_w), zero for the rows/columns no window covers. tfjs-backend-wasm's
 * AvgPoolGrad is ~4× slower.
 */
export function avgPoolTrain(x: tf.Tensor4D, kernel: [number, number]): tf.Tensor4D {
  const [kh, kw] = kernel;
  const [, h, w] = x.shape;
  return withGrad([x], ([xi]) => ({
    value: tf.avgPool(xi as tf.Tensor4D, kernel, kernel, 'valid'),
    gradFunc: (dy: tf.Tensor) => {
      const [n, ho, wo, c] = dy.shape;
      const spread = tf.mul(tf.reshape(dy, [n, ho, 1, wo, 1, c]), tf.fill([1, 1, kh, 1, kw, 1], 1 / (kh * kw)));
      const dx = tf.reshape(spread, [n, ho * kh, wo * kw, c]);
      const padH = h - ho * kh;
      const padW = w - wo * kw;
      const full =
        padH || padW
          ? tf.pad(dx, [
              [0, 0],
              [0, padH],
              [0, padW],
              [0, 0],
            ])
          : dx;
      return [full];
    },
  })) as tf.Tensor4D;
}
