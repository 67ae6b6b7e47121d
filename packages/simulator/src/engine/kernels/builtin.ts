import { deviceStepKernel, webgpuNeuronKernel, webgpuSpikeConvKernel } from '../gpu/kernels.js';
import { addKernel } from './add.js';
import { affineKernel } from './affine.js';
import { globalAvgPoolKernel } from './global-avg-pool.js';
import { ifPoolKernel } from './if-pool.js';
import { jsNeuronKernel } from './js-neuron.js';
import { sparseConvKernel, sparseLinearKernel } from './sparse-conv.js';
import { spikingMaxPoolKernel } from './spiking-max-pool.js';
import { tensorKernel } from './tensor.js';
import type { Kernel } from './types.js';
import { viewKernels } from './view.js';
import { wasmIfKernel } from './wasm-if.js';

/** The built-in simulator kernels (a new kernel: one file beside these, one entry here). */
export const builtinKernels: readonly Kernel[] = [
  webgpuNeuronKernel,
  deviceStepKernel,
  webgpuSpikeConvKernel,
  ifPoolKernel,
  wasmIfKernel,
  jsNeuronKernel,
  spikingMaxPoolKernel,
  sparseConvKernel,
  sparseLinearKernel,
  addKernel,
  affineKernel,
  globalAvgPoolKernel,
  ...viewKernels,
  tensorKernel,
];
