import './register-gradients.js';
import { cpuFactory } from './factories/cpu.js';
import { wasmFactory } from './factories/wasm.js';
import { webgpuFactory } from './factories/webgpu.js';
import { registerBackendFactory } from './registry.js';

export { initBackend } from './init.js';
export { registerBackendFactory, getBackendFactory, listBackendFactories } from './registry.js';
export { registerWasmTrainingKernels } from './kernels/index.js';
export { conv2dBackpropFilterViaConv } from './kernels/conv2d-backprop-filter.js';
export { hasNavigatorGpu } from './factories/webgpu.js';
export * from './types.js';

registerBackendFactory('wasm', wasmFactory);
registerBackendFactory('cpu', cpuFactory);
registerBackendFactory('webgpu', webgpuFactory);
