import { InputError } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { NeuronModel, NeuronParams } from './types.js';

/** A neuron parameter or input is out of range or of the wrong shape; `param` names which one. */
export class NeuronParamError extends InputError {
  override readonly name = 'NeuronParamError';
}

const fmtShape = (s: readonly number[]) => `[${s.join(', ')}]`;

// Reading a threshold tensor back costs a GPU sync: check each tensor's values once.
const thresholdMinimum = new WeakMap<tf.Tensor, number>();

/** Throws unless every value of θ is finite and > 0; returns θ's smallest value. */
function checkThresholdValues(theta: tf.Tensor): number {
  const known = thresholdMinimum.get(theta);
  if (known !== undefined && !theta.isDisposed) return known;
  if (theta.isDisposed) throw new NeuronParamError('vThreshold', 'the tensor has been disposed');
  if (theta.dtype !== 'float32') throw new NeuronParamError('vThreshold', `tensor must be float32 (got ${theta.dtype})`);
  const values = theta.dataSync();
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const t = values[i];
    if (!Number.isFinite(t) || t <= 0) throw new NeuronParamError('vThreshold', `every value must be finite and > 0 (got ${t} at flat index ${i})`);
    min = Math.min(min, t);
  }
  thresholdMinimum.set(theta, min);
  return min;
}

/**
 * Checks that a threshold tensor broadcasts over an input of shape `shape` without enlarging it:
 * aligned from the last axis, each of θ's axes is 1 or equal to the input's.
 */
export function checkThresholdShape(theta: tf.Tensor, shape: readonly number[]): void {
  const ok = theta.rank <= shape.length && theta.shape.every((d, i) => d === 1 || d === shape[shape.length - theta.rank + i]);
  if (!ok) {
    throw new NeuronParamError(
      'vThreshold',
      `a tensor of shape ${fmtShape(theta.shape)} does not broadcast over the last axis of input shape ${fmtShape(shape)} (expected [${shape.at(-1) ?? 1}] per channel)`,
    );
  }
}

const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * Throws a {@link NeuronParamError} naming the first bad parameter: θ not finite or ≤ 0, a hard
 * V_reset not below θ, a non-finite V₀, `maxSpikes` not an integer ≥ 1, and what the model checks.
 */
export function validateParams(p: NeuronParams, model?: NeuronModel): void {
  if (p === null || typeof p !== 'object') throw new NeuronParamError('params', 'expected an object such as { vThreshold: 1, vReset: null }');
  const theta = p.vThreshold;
  let minTheta: number;
  if (theta instanceof tf.Tensor) {
    minTheta = checkThresholdValues(theta);
  } else if (isFiniteNumber(theta) && theta > 0) {
    minTheta = theta;
  } else {
    throw new NeuronParamError('vThreshold', `must be a finite number > 0 or a float32 tensor (got ${String(theta)})`);
  }
  if (p.vReset === undefined) throw new NeuronParamError('vReset', 'is required: null for reset by subtraction, or a number for a hard reset');
  if (p.vReset !== null) {
    if (!isFiniteNumber(p.vReset)) throw new NeuronParamError('vReset', `must be null or a finite number (got ${String(p.vReset)})`);
    if (p.vReset >= minTheta)
      throw new NeuronParamError('vReset', `must be below vThreshold (got ${p.vReset} ≥ ${minTheta}): the neuron would fire at every step`);
  }
  const v0 = p.v0;
  if (v0 instanceof tf.Tensor) {
    if (v0.rank !== 1) throw new NeuronParamError('v0', `a V₀ tensor must be [C], one per channel (got shape ${fmtShape(v0.shape)})`);
  } else if (v0 !== undefined) {
    const f = typeof v0 === 'object' && v0 !== null ? v0.fractionOfThreshold : v0;
    if (!isFiniteNumber(f)) throw new NeuronParamError('v0', `must be a finite number or { fractionOfThreshold: finite number } (got ${JSON.stringify(v0)})`);
  }
  if (p.maxSpikes !== undefined && !(Number.isInteger(p.maxSpikes) && p.maxSpikes >= 1)) {
    throw new NeuronParamError('maxSpikes', `must be an integer ≥ 1 (got ${String(p.maxSpikes)})`);
  }
  model?.validate?.(p);
}
