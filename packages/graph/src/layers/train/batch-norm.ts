import * as tf from '@tensorflow/tfjs-core';
import { channelAffine } from '../channel-affine.js';
import { channelSums } from './channel-sums.js';
import { withGrad } from './custom-grad.js';

/**
 * Training-mode batch normalisation over the last axis with a hand-written gradient (tfjs'
 * FusedBatchNorm gradient tiles the statistics to the input's shape, very slow on wasm). Over the
 * M values of each channel (M = N·H·W):
 *
 *   μ = (1/M)Σx,  x_c = x − μ,  σ² = (1/M)Σx_c²,  r = 1/√(σ² + ε),  x̂ = x_c·r,  y = γx̂ + β = x_c·(γr) + β
 *   dβ = Σdy,  dγ = Σdy·x̂ = r·Σdy·x_c,  dx = (γr)·(dy − dβ/M − x̂·dγ/M) = (γr)·dy + x_c·(−γr²·dγ/M) − γr·dβ/M
 *
 * Every full-size step is one pass: x − μ, y and both terms of dx are per-channel affine maps
 * (`channelAffine`), the rest same-shape products and channel sums.
 *
 * Returns y and the batch mean and biased variance (`[C]`), the latter two `tf.keep`-ed: the caller
 * disposes them.
 */
export function batchNormTrain(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps: number): { y: tf.Tensor; mean: tf.Tensor; variance: tf.Tensor } {
  const c = x.shape[x.rank - 1];
  const m = x.size / c;
  let mean: tf.Tensor | undefined;
  let variance: tf.Tensor | undefined;
  const y = withGrad([x, gamma, beta], ([xi, g, b], save) => {
    const mu = tf.mul(channelSums(xi), 1 / m);
    const xc = channelAffine(xi, tf.onesLike(mu), tf.neg(mu));
    const v = tf.mul(channelSums(tf.square(xc)), 1 / m);
    const inv = tf.rsqrt(tf.add(v, eps));
    const scale = tf.mul(inv, g);
    mean = tf.keep(mu);
    variance = tf.keep(v);
    save([xc, inv, scale]);
    return {
      value: channelAffine(xc, scale, b),
      gradFunc: (dy, [xcs, r, s]) => {
        const dBeta = channelSums(dy);
        const dGamma = tf.mul(channelSums(tf.mul(dy, xcs)), r);
        const k = tf.mul(tf.mul(s, r), tf.mul(dGamma, -1 / m));
        const dx = tf.add(channelAffine(dy, s, tf.mul(s, tf.mul(dBeta, -1 / m))), channelAffine(xcs, k));
        return [dx, dGamma, dBeta];
      },
    };
  });
  return { y, mean: mean as unknown as tf.Tensor, variance: variance as unknown as tf.Tensor };
}
