import * as tf from '@tensorflow/tfjs-core';
import { fire } from './fire.js';
import { resolveModel } from './registry.js';
import { reset } from './reset.js';
import type { NeuronModel, NeuronParams, NeuronState, StepResult } from './types.js';
import { checkThresholdShape, NeuronParamError, validateParams } from './validate.js';

const fmt = (s: readonly number[]) => `[${s.join(', ')}]`;

/** Checks a step's input against the state and θ; shared by {@link step} and `multiStep`. */
export function checkStepInput(state: NeuronState, x: tf.Tensor, params: NeuronParams, what = 'x'): void {
  if (!(x instanceof tf.Tensor)) throw new NeuronParamError(what, 'must be a tf.Tensor');
  if (!state || !(state.v instanceof tf.Tensor)) throw new NeuronParamError('state', 'must be { v: tf.Tensor } (see initState)');
  if (state.v.isDisposed) throw new NeuronParamError('state', 'its tensor v has been disposed');
  if (!tf.util.arraysEqual(x.shape, state.v.shape)) {
    throw new NeuronParamError(what, `has shape ${fmt(x.shape)} but the state has shape ${fmt(state.v.shape)} (start a new state for a new shape)`);
  }
  if (params.vThreshold instanceof tf.Tensor) checkThresholdShape(params.vThreshold, x.shape);
}

/** One step without the argument checks: charge → fire → reset, in a tidy. */
export function stepUnchecked(model: NeuronModel, state: NeuronState, x: tf.Tensor, params: NeuronParams): StepResult {
  return tf.tidy(() => {
    const h = model.charge(state.v, x.dtype === 'float32' ? x : tf.cast(x, 'float32'), params);
    const spikes = fire(h, params.vThreshold, params.maxSpikes ?? 1);
    const v = reset(h, spikes, params.vThreshold, params.vReset);
    return { state: { v }, spikes };
  });
}

/**
 * One time step of a neuron layer, as a pure state transition (SpikingJelly's `single_step_forward`):
 *
 *   charge:  H_t = f(V_{t−1}, X_t)                  (the model's; IF: H_t = V_{t−1} + X_t)
 *   fire:    S_t = Θ(H_t − θ)                       (or min(⌊H_t/θ⌋, maxSpikes) for multi-level spikes)
 *   reset:   V_t = H_t − S_t·θ                      (vReset = null, reset by subtraction)
 *            V_t = H_t·(1 − [S_t > 0]) + V_r·[S_t > 0]   (vReset = V_r, hard reset)
 *
 * `state` and `x` are not disposed: the caller owns them, and owns the returned state and spikes.
 * No tensor created here outlives the call except those two.
 *
 * @example
 * const p = { vThreshold: 1, vReset: null };
 * let state = initState([1], p);
 * const { state: next, spikes } = step('IF', state, tf.tensor1d([0.6]), p); // spikes [0], V 0.6
 */
export function step(model: NeuronModel | string, state: NeuronState, x: tf.Tensor, params: NeuronParams): StepResult {
  const m = resolveModel(model);
  validateParams(params, m);
  checkStepInput(state, x, params);
  return stepUnchecked(m, state, x, params);
}
