import * as tf from '@tensorflow/tfjs-core';
import { initState } from './init-state.js';
import { multiStep } from './multi-step.js';
import { resolveModel } from './registry.js';
import { checkStepInput, stepUnchecked } from './step.js';
import type { NeuronModel, NeuronParams, NeuronState } from './types.js';
import { NeuronParamError, validateParams } from './validate.js';

const fmt = (s: readonly number[]) => `[${s.join(', ')}]`;

/**
 * A stateful layer of neurons around the pure {@link step}: it keeps V between calls (SpikingJelly's
 * `IFNode` / `LIFNode` objects). The state starts at V₀ on the first `forward` (its shape is the
 * input's) and returns there after `reset()`; a new input shape needs a `reset()` first.
 *
 * The layer owns its state tensor (kept out of any enclosing `tf.tidy`, freed on reset); the caller
 * owns the spikes it returns. The threshold tensor in `params`, if any, stays the caller's.
 *
 * @example
 * const layer = new NeuronLayer('IF', { vThreshold: 1, vReset: null });
 * const x = tf.tensor1d([0.3, 0.7]);
 * for (let t = 0; t < 4; t++) console.log(layer.forward(x).arraySync()); // [0,0] [0,1] [0,1] [1,0]
 * layer.reset();
 */
export class NeuronLayer {
  readonly model: NeuronModel;
  readonly params: NeuronParams;
  private current: NeuronState | undefined;

  constructor(model: NeuronModel | string, params: NeuronParams) {
    this.model = resolveModel(model);
    validateParams(params, this.model);
    this.params = params;
  }

  /** The membrane potential so far, or undefined before the first step and after `reset()`. */
  get state(): NeuronState | undefined {
    return this.current;
  }

  /** One step: returns the spikes (float32, shaped like x) and keeps V for the next call. */
  forward(x: tf.Tensor): tf.Tensor {
    const state = this.stateFor(x, x?.shape, 'x');
    checkStepInput(state, x, this.params);
    const r = stepUnchecked(this.model, state, x, this.params);
    this.replaceState(r.state);
    return r.spikes;
  }

  /** T steps from `[T, ...shape]`: returns spikes `[T, ...shape]`, the same as T calls of `forward`. */
  forwardMultiStep(xSeq: tf.Tensor): tf.Tensor {
    const state = this.stateFor(xSeq, xSeq?.shape.slice(1), 'xSeq');
    const r = multiStep(this.model, state, xSeq, this.params);
    this.replaceState(r.state);
    return r.spikes;
  }

  /** Frees the state; the next step starts again from V₀. */
  reset(): void {
    this.current?.v.dispose();
    this.current = undefined;
  }

  /** Frees the layer's tensors (same as `reset()`). */
  dispose(): void {
    this.reset();
  }

  private stateFor(x: tf.Tensor, shape: number[] | undefined, what: string): NeuronState {
    if (!(x instanceof tf.Tensor) || !shape) throw new NeuronParamError(what, 'must be a tf.Tensor');
    if (this.current && !tf.util.arraysEqual(this.current.v.shape, shape)) {
      throw new NeuronParamError(
        what,
        `step shape ${fmt(shape)} differs from the layer's state ${fmt(this.current.v.shape)}: call reset() before changing shape`,
      );
    }
    if (!this.current) this.replaceState(initState(shape, this.params, this.model));
    return this.current!;
  }

  private replaceState(next: NeuronState): void {
    if (this.current && this.current !== next) this.current.v.dispose();
    this.current = { v: tf.keep(next.v) };
  }
}
