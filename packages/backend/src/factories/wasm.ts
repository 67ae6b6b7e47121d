import type { BackendFactory } from '../types.js';
import { registerWasmFastKernels, registerWasmTrainingKernels } from '../kernels/index.js';

/** tfjs-backend-wasm: SIMD, single-threaded in Node; the fast default there. */
export const wasmFactory: BackendFactory = {
  priority: 2,
  async load(opts) {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (opts.wasmPaths) wasm.setWasmPaths(opts.wasmPaths);
    registerWasmTrainingKernels();
    registerWasmFastKernels();
  },
};
