import * as tf from '@tensorflow/tfjs-core';
import { channelSums } from './channel-sums.js';
import { withGrad } from './custom-grad.js';

/** Conv2d attributes as the layer keeps them. */
export interface ConvAttrs {
  strides: [number, number];
  pads: [number, number, number, number];
  dilations: [number, number];
}

const explicit = (p: readonly number[]): [[0, 0], [number, number], [number, number], [0, 0]] => [
  [0, 0],
  [p[0], p[2]],
  [p[1], p[3]],
  [0, 0],
];

/** Inputs with few values per window (C·kh·kw ≤ this) go through im2col + matMul. */
export const IM2COL_MAX_K = 32;

/**
 * Training-mode convolution (groups = 1) with gradients that are fast on every backend; the same
 * values as `tf.conv2d`, and the same gradients up to float rounding:
 *
 * - few values per window (C·kh·kw ≤ 32, e.g. the first layer on 1-channel images): P = im2col(x)
 *   through a conv with a constant identity filter, then y = P·W + b. dW = Pᵀ·dy, db = 1ᵀ·dy, and
 *   dx flows back through the identity conv only when x itself needs a gradient.
 * - stride 1 (any dilation d) otherwise: dx = conv(dy, rot180(W)ᵀ) with pads d(k − 1) − p, and
 *   dW[u, v, c, o] = Σ x̃[b, i + u·d, j + v·d, c]·dy[b, i, j, o] as a conv of x̃ᵀ with dyᵀ, stride d.
 *
 * Returns undefined for configurations it does not speed up (the caller uses `tf.conv2d`).
 */
export function convTrain(x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor | undefined, a: ConvAttrs, noInputGrad: boolean): tf.Tensor4D | undefined {
  const [kh, kw, c, o] = w.shape;
  if (a.strides.some((v) => v > 1) && a.dilations.some((v) => v > 1)) return undefined;
  const bias = b ?? tf.zeros([o]);
  if (c * kh * kw <= IM2COL_MAX_K) return im2colConv(x, w, bias, a, noInputGrad);
  const [dh, dw] = a.dilations;
  const [pt, pl, pb, pr] = a.pads;
  const fits = pt <= dh * (kh - 1) && pb <= dh * (kh - 1) && pl <= dw * (kw - 1) && pr <= dw * (kw - 1);
  if (a.strides[0] !== 1 || a.strides[1] !== 1 || !fits) return undefined;
  return stride1Conv(x, w, bias, a);
}

function im2colConv(x: tf.Tensor4D, w: tf.Tensor4D, bias: tf.Tensor, a: ConvAttrs, noInputGrad: boolean): tf.Tensor4D {
  const [kh, kw, c, o] = w.shape;
  const k = kh * kw * c;
  // Identity filter: output channel (u·kw + v)·c + ci copies x[.., u, v, ci] — the HWIO flattening of W.
  const eye = tf.reshape(tf.eye(k), [kh, kw, c, k]) as tf.Tensor4D;
  const patches = tf.conv2d(x, eye, a.strides, explicit(a.pads), 'NHWC', a.dilations);
  const [n, ho, wo] = patches.shape;
  const p2 = tf.reshape(patches, [n * ho * wo, k]) as tf.Tensor2D;
  // dW = Pᵀ·dy computed as (dyᵀ·P)ᵀ: tfjs-backend-wasm packs the right operand of every matMul, and P is the smaller.
  const dWeight = (p: tf.Tensor, dy: tf.Tensor) => tf.transpose(tf.matMul(tf.transpose(dy), p));
  const dBias = (dy: tf.Tensor) => channelSums(tf.reshape(dy, [n, ho, wo, o]));
  const product = (p: tf.Tensor, w2: tf.Tensor, b1: tf.Tensor) => tf.add(tf.matMul(p as tf.Tensor2D, w2 as tf.Tensor2D), b1);
  const w2 = tf.reshape(w, [k, o]);
  // Without an input gradient, P is a constant of the op: its gradient (dy·Wᵀ) is never computed.
  const y = noInputGrad
    ? withGrad([w2, bias], ([wi, bi], save) => {
        save([p2]); // the forward's tensors are gone by the time gradients run: keep P
        return { value: product(p2, wi, bi), gradFunc: (dy, [ps]) => [dWeight(ps, dy), dBias(dy)] };
      })
    : withGrad([p2, w2, bias], ([p, wi, bi], save) => {
        save([p, wi]);
        return {
          value: product(p, wi, bi),
          gradFunc: (dy, [ps, ws]) => [tf.matMul(dy as tf.Tensor2D, ws as tf.Tensor2D, false, true), dWeight(ps, dy), dBias(dy)],
        };
      });
  return tf.reshape(y, [n, ho, wo, o]) as tf.Tensor4D;
}
function stride1Conv(x: tf.Tensor4D, w: tf.Tensor4D, bias: tf.Tensor, a: ConvAttrs): tf.Tensor4D {
  const [kh, kw, c, o] = w.shape;
  const [dh, dw] = a.dilations;
  const [pt, pl, pb, pr] = a.pads;
  return withGrad([x, w, bias], ([xi, wi, bi], save) => {
    save([xi, wi]);
    return {
      value: tf.add(tf.conv2d(xi as tf.Tensor4D, wi as tf.Tensor4D, 1, explicit(a.pads), 'NHWC', a.dilations), bi),
      gradFunc: (dy: tf.Tensor, [xs, ws]: tf.Tensor[]) => {
        const dy4 = dy as tf.Tensor4D;
        const wFlip = tf.transpose(tf.reverse(ws, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
        const back = [dh * (kh - 1) - pt, dw * (kw - 1) - pl, dh * (kh - 1) - pb, dw * (kw - 1) - pr];
        const dx = tf.conv2d(dy4, wFlip, 1, explicit(back), 'NHWC', a.dilations);
        const xPad = tf.pad(xs, explicit(a.pads));
        const xT = tf.transpose(xPad, [3, 1, 2, 0]) as tf.Tensor4D; // [C, H̃, W̃, N]
        const dyT = tf.transpose(dy4, [1, 2, 0, 3]) as tf.Tensor4D; // [Ho, Wo, N, O]
        const full = tf.conv2d(xT, dyT, [dh, dw], 'valid'); // [C, ≥kh, ≥kw, O]
        const dW = tf.transpose(tf.slice(full, [0, 0, 0, 0], [c, kh, kw, o]), [1, 2, 0, 3]);
        return [dx, dW, channelSums(dy4)];
      },
    };
  }) as tf.Tensor4D;
}
