export { builtinKernels } from './builtin.js';
export { listKernels, registerKernel, resolveKernel, unregisterKernel } from './registry.js';
export type { ChunkIO, Kernel, KernelLayer, LayerExec, LayerKernel, MembraneProbe, NeuronExec, NeuronKernel } from './types.js';
