import type * as tf from '@tensorflow/tfjs-core';

/**
 * Firing threshold θ: one number for every neuron, or a float32 tensor that broadcasts over the
 * input from its last axis (a per-channel `[C]` vector for `[N, C]` or NHWC inputs, or any shape
 * that broadcasts to the input without enlarging it). Every value must be finite and > 0.
 */
export type VThreshold = number | tf.Tensor;

/**
 * Initial membrane potential V₀: a constant, a fraction of the threshold (V₀ = f·θ, e.g. 0.5·θ), or a
 * float32 tensor that broadcasts over the input from its last axis like θ (one V₀ per channel, `[C]`:
 * what potential calibration sets).
 */
export type InitialPotential = number | { fractionOfThreshold: number } | tf.Tensor;

/**
 * Parameters of a spiking neuron (SpikingJelly's `BaseNode` arguments, in TypeScript).
 *
 * @example
 * const ifSoft: NeuronParams = { vThreshold: 1, vReset: null };                    // the tutorial's IF neuron
 * const lif: NeuronParams = { vThreshold: 1, vReset: 0, tau: 2, decayInput: true }; // SpikingJelly's LIFNode()
 */
export interface NeuronParams {
  /** θ, the firing threshold: a spike is fired when V ≥ θ. */
  vThreshold: VThreshold;
  /** `null`: reset by subtraction, V ← V − s·θ (the tutorial's choice). A number: hard reset, V ← V_reset after a spike. */
  vReset: number | null;
  /** V₀, the membrane potential after {@link initState} or a layer's `reset()`. Default 0. */
  v0?: InitialPotential;
  /**
   * Most spikes one neuron may emit in one step. Default 1 (binary spikes). Above 1 a step emits
   * s = min(⌊V/θ⌋, maxSpikes) (multi-level or burst spikes), which changes what a spike means.
   */
  maxSpikes?: number;
  /** LIF only: membrane time constant τ ≥ 1. Default 2 (SpikingJelly's default). */
  tau?: number;
  /** LIF only: whether the input is divided by τ too (see the LIF model). Default true. */
  decayInput?: boolean;
}

/** The state a neuron carries between steps: its membrane potential V, shaped like the input. */
export interface NeuronState {
  v: tf.Tensor;
}

/**
 * A model's charge per element in plain numbers, its parameters bound: H = f(V, X), every operation
 * rounded to float32 (`Math.fround`) in the order of the model's tensor `charge`, so that JS kernels
 * give the tensor step's results bit for bit.
 */
export type ScalarCharge = (v: number, x: number) => number;

/**
 * A neuron model: only its charge differs from other models; fire and reset are shared.
 * Register one with `registerNeuronModel`; look it up with `getNeuronModel(name)`.
 */
export interface NeuronModel {
  /** The name models are registered and looked up by (e.g. `'IF'`, `'LIF'`). */
  name: string;
  /** H_t = f(V_{t−1}, X_t): the membrane potential after charging and before firing. */
  charge(v: tf.Tensor, x: tf.Tensor, p: NeuronParams): tf.Tensor;
  /**
   * The same charge on numbers, for the simulator's fast JS kernels: given the parameters, a
   * {@link ScalarCharge} bit-identical to `charge`. Without it a model runs on tensors only (the
   * simulator then takes its reference path and says why).
   */
  scalarCharge?(p: NeuronParams): ScalarCharge;
  /** Throws a readable error for model-specific parameters that are out of range. */
  validate?(p: NeuronParams): void;
}

/** What {@link step} returns: the next state and this step's spikes (float32, shaped like the input). */
export interface StepResult {
  state: NeuronState;
  spikes: tf.Tensor;
}
