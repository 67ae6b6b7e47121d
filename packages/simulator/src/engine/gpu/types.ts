import type * as tf from '@tensorflow/tfjs-core';
import type { NeuronExec } from '../kernels/types.js';

/** The tfjs backends the device engine runs on: the GPU ones, whose reads are asynchronous. */
export const DEVICE_BACKENDS: readonly string[] = ['webgpu', 'tensorflow'];

/** What a device executor returns for one chunk. */
export interface DeviceChunk {
  /** The node's output `[steps·count, …shape]` (time-major). */
  out: tf.Tensor;
  /** V after each step `[steps·count·size]`, when asked for (membrane monitors). */
  v?: tf.Tensor;
}

/**
 * A stateful node's executor whose values stay on the device: `runDevice` takes the chunk's input
 * as a tensor (`[steps·count, …]`, or `[count, …]` for a static input) and returns tensors that
 * the caller owns, inside the caller's tidy; the executor keeps its own state (with `tf.keep`) and
 * frees it in `end()` (per batch) and `dispose()`. `run` (arrays) is not served.
 */
export interface DeviceNeuronExec extends NeuronExec {
  /** Runs `steps` steps on `x` (see the interface); `everyV` also returns V after each step. */
  runDevice(x: tf.Tensor, steps: number, everyV: boolean): DeviceChunk;
  /** Frees the state of the batch. */
  end(): void;
  /** Frees everything the executor holds (after the last batch). */
  dispose(): void;
}

/** True for an executor of the device engine. */
export function isDeviceExec(e: NeuronExec): e is DeviceNeuronExec {
  return typeof (e as Partial<DeviceNeuronExec>).runDevice === 'function';
}

/** `run` of a device executor: its values never leave the device. */
export function hostRunRefused(name: string): never {
  throw new Error(`the ${name} kernel runs on the device only (the device engine calls runDevice)`);
}
