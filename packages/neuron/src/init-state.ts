import * as tf from '@tensorflow/tfjs-core';
import type { NeuronModel, NeuronParams, NeuronState } from './types.js';
import { checkThresholdShape, NeuronParamError, validateParams } from './validate.js';

/**
 * The state before the first step: V = V₀ everywhere, shaped like the input (`shape` includes the
 * batch). V₀ is `params.v0`: 0 by default, a constant, `{ fractionOfThreshold: f }` for V₀ = f·θ
 * (per channel when θ is a tensor), or a tensor broadcast from the last axis (one V₀ per channel). f·θ is computed in float32, as the tensors would.
 *
 * @example
 * initState([2, 3], { vThreshold: 1, vReset: null, v0: { fractionOfThreshold: 0.5 } }).v; // 0.5 everywhere
 */
export function initState(shape: readonly number[], params: NeuronParams, model?: NeuronModel): NeuronState {
  validateParams(params, model);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new NeuronParamError('shape', `must be an array of non-negative integers (got ${JSON.stringify(shape)})`);
  }
  const theta = params.vThreshold;
  if (theta instanceof tf.Tensor) checkThresholdShape(theta, shape);
  const v0 = params.v0 ?? 0;
  if (v0 instanceof tf.Tensor) {
    if (v0.size !== 1 && v0.size !== shape.at(-1))
      throw new NeuronParamError(
        'v0',
        `a V₀ tensor of ${v0.size} values does not fit input shape [${shape.join(', ')}] (expected [${shape.at(-1) ?? 1}] per channel)`,
      );
    return { v: tf.tidy(() => tf.broadcastTo(tf.cast(v0, 'float32'), [...shape])) };
  }
  if (typeof v0 === 'number') return { v: tf.fill([...shape], v0, 'float32') };
  const f = v0.fractionOfThreshold;
  if (typeof theta === 'number') return { v: tf.fill([...shape], Math.fround(Math.fround(f) * Math.fround(theta)), 'float32') };
  return { v: tf.tidy(() => tf.broadcastTo(tf.mul(theta, f), [...shape])) };
}
