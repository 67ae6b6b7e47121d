import * as tf from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterKernel } from './conv2d-backprop-filter.js';
import { maxPoolGradKernel } from './max-pool-grad.js';
import { rowBroadcastKernel } from './row-broadcast.js';

/** Kernels that training needs and tfjs-backend-wasm 4.22 lacks (Conv2DBackpropFilter) or gets wrong (MaxPoolGrad). */
const wasmTrainingKernels: Array<(backend: string) => tf.KernelConfig> = [conv2dBackpropFilterKernel, maxPoolGradKernel];

let registered = false;

/** Registers the missing or corrected wasm training kernels, replacing the backend's own (idempotent). */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  registered = true;
  for (const make of wasmTrainingKernels) {
    const config = make('wasm');
    if (tf.getKernel(config.kernelName, 'wasm')) tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel(config);
  }
}

let fastRegistered = false;

/**
 * Replaces tfjs-backend-wasm's Add and Multiply by ones with a faster path for a row broadcast over
 * the last axis, same bits (`row-broadcast.ts`; every other call runs the backend's own kernel). Idempotent.
 */
export function registerWasmFastKernels(): void {
  if (fastRegistered) return;
  const own = [tf.Add, tf.Multiply].map((k) => tf.getKernel(k, 'wasm'));
  if (own.some((k) => !k)) return; // the backend is not loaded
  fastRegistered = true;
  for (const [i, fn] of (['addRows', 'mulRows'] as const).entries()) {
    const config = own[i] as tf.KernelConfig;
    tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel(rowBroadcastKernel(config, fn));
  }
}
