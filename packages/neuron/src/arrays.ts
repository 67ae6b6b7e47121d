import * as tf from '@tensorflow/tfjs-core';
import { resolveModel } from './registry.js';
import type { NeuronModel, NeuronParams, ScalarCharge } from './types.js';
import { validateParams } from './validate.js';

/**
 * A neuron layer's parameters as plain float32 arrays, as its tensors would hold them (what JS and
 * WebAssembly kernels read): θ per channel (`C` values, or 1 for a scalar θ), the output amplitude
 * per channel (θ or 1), V₀ per channel, and the model's scalar charge with its parameters bound.
 */
export interface NeuronArrays {
  model: string;
  /** Channels of the last axis that θ varies over (1 when θ is a number; `v0` may have its own count, see `perElement`). */
  channels: number;
  theta: Float32Array;
  amp: Float32Array;
  v0: Float32Array;
  /** Hard reset value (float32), or null for reset by subtraction. */
  vReset: number | null;
  maxSpikes: number;
  /** H = f(V, X) on numbers (see `NeuronModel.scalarCharge`), or undefined when the model has none. */
  charge: ScalarCharge | undefined;
}

/**
 * Resolves a model's parameters into {@link NeuronArrays} once (a θ tensor is read back here, not
 * per step). V₀ = f·θ for `{ fractionOfThreshold: f }` is rounded as `initState` computes it; a V₀
 * tensor (one per channel) is read back as it is, so `v0` may hold more channels than `theta`;
 * `amplitude: 'threshold'` makes the output S·θ.
 *
 * @example
 * neuronArrays('IF', { vThreshold: 2, vReset: null, v0: { fractionOfThreshold: 0.5 } }).v0; // Float32Array [1]
 */
export function neuronArrays(model: NeuronModel | string, params: NeuronParams, amplitude: 'unit' | 'threshold' = 'unit'): NeuronArrays {
  const m = resolveModel(model);
  validateParams(params, m);
  const f = Math.fround;
  const th = params.vThreshold;
  const theta = typeof th === 'number' ? Float32Array.of(f(th)) : Float32Array.from((th as tf.Tensor).dataSync());
  const init = params.v0 ?? 0;
  const v0 = init instanceof tf.Tensor ? Float32Array.from(init.dataSync()) : new Float32Array(theta.length);
  if (!(init instanceof tf.Tensor))
    for (let c = 0; c < theta.length; c++) {
      // initState: tf.fill(v0) or θ·f in float32 (tf.mul(θ, f) for a tensor θ).
      v0[c] = typeof init === 'number' ? f(init) : f(theta[c] * f(init.fractionOfThreshold));
    }
  return {
    model: m.name,
    channels: theta.length,
    theta,
    amp: amplitude === 'threshold' ? theta : new Float32Array(theta.length).fill(1),
    v0,
    vReset: params.vReset === null ? null : f(params.vReset),
    maxSpikes: params.maxSpikes ?? 1,
    charge: m.scalarCharge?.(params),
  };
}
