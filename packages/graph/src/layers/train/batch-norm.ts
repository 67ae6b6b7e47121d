import * as tf from '@tensorflow/tfjs-core';
import { channelSums } from './channel-sums.js';
import { withGrad } from './custom-grad.js';

/**
 * Training-mode batch normalisation over the last axis with a hand-written gradient (tfjs'
 * FusedBatchNorm gradient tiles the statistics to the input's shape, very slow on wasm). Over the
 * M values of each channel (M = N·H·W):
 *
 *   μ = (1/M)Σx,  σ² = (1/M)Σ(x − μ)²,  x̂ = (x − μ)/√(σ² + ε),  y = γx̂ + β
 *   dβ = Σdy,  dγ = Σdy·x̂,  dx = (γ/√(σ² + ε))·(dy − dβ/M − x̂·dγ/M)
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
    const xc = tf.sub(xi, mu);
    const v = tf.mul(channelSums(tf.square(xc)), 1 / m);
    const inv = tf.rsqrt(tf.add(v, eps));
    const xhat = tf.mul(xc, inv);
    mean = tf.keep(mu);
    variance = tf.keep(v);
    save([xhat, tf.mul(inv, g)]);
    return {
      value: tf.add(tf.mul(xhat, g), b),
      gradFunc: (dy, [xh, scale]) => {
        const dBeta = channelSums(dy);
        const dGamma = channelSums(tf.mul(dy, xh));
        const centred = tf.sub(dy, tf.add(tf.mul(xh, tf.mul(dGamma, 1 / m)), tf.mul(dBeta, 1 / m)));
        return [tf.mul(centred, scale), dGamma, dBeta];
      },
    };
  });
  return { y, mean: mean as unknown as tf.Tensor, variance: variance as unknown as tf.Tensor };
}
