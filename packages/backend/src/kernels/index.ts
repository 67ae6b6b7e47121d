import * as tf from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterKernel } from './conv2d-backprop-filter.js';
import { maxPoolGradKernel } from './max-pool-grad.js';

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
