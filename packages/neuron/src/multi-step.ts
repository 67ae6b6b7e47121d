import * as tf from '@tensorflow/tfjs-core';
import { resolveModel } from './registry.js';
import { checkStepInput, stepUnchecked } from './step.js';
import type { NeuronModel, NeuronParams, NeuronState, StepResult } from './types.js';
import { NeuronParamError, validateParams } from './validate.js';

/**
 * T steps at once (SpikingJelly's `multi_step_forward`): `xSeq` is `[T, ...shape]`, the spikes come
 * back as `[T, ...shape]` and the state is the one after step T. It runs the same {@link step} T
 * times, so its results equal T single steps bit for bit.
 *
 * Memory: each step's intermediate tensors are freed as it ends; only the T spike slices live
 * until they are stacked. `state` and `xSeq` are not disposed.
 *
 * @example
 * const p = { vThreshold: 1, vReset: null };
 * const x = tf.fill([128, 35], 0.3);                       // T = 128, 35 neurons
 * const { spikes } = multiStep('IF', initState([35], p), x, p);
 * const rate = tf.mean(spikes, 0);                          // ≈ 0.3 each
 */
export function multiStep(model: NeuronModel | string, state: NeuronState, xSeq: tf.Tensor, params: NeuronParams): StepResult {
  const m = resolveModel(model);
  validateParams(params, m);
  if (!(xSeq instanceof tf.Tensor) || xSeq.rank < 1) throw new NeuronParamError('xSeq', 'must be a tf.Tensor of shape [T, ...shape]');
  const T = xSeq.shape[0];
  if (T < 1) throw new NeuronParamError('xSeq', 'needs at least one time step (T = 0)');
  const slices = tf.unstack(xSeq, 0);
  const spikes: tf.Tensor[] = [];
  let current = state;
  try {
    checkStepInput(state, slices[0], params, 'xSeq[t]');
    for (const x of slices) {
      const r = stepUnchecked(m, current, x, params);
      if (current !== state) current.v.dispose();
      current = r.state;
      spikes.push(r.spikes);
    }
    return { state: current, spikes: tf.stack(spikes, 0) };
  } catch (e) {
    if (current !== state) current.v.dispose();
    throw e;
  } finally {
    tf.dispose(slices);
    tf.dispose(spikes);
  }
}
