// The device engine's simulator kernels, for the built-in list (kernels/builtin.ts).
export { deviceStepKernel } from './step-exec.js';
export { webgpuNeuronKernel } from './wgsl-neuron.js';
export { webgpuSpikeConvKernel } from './spike-conv.js';
