export { chunkedUnsupported, MIN_PARALLEL_MACS, MIN_PARALLEL_WORK, PARALLEL_PIECE, simulate, worthParallel } from './simulate.js';
export { isArraySource } from './data.js';
export type { EngineOptions, ReadoutKind, SimOptions } from './options.js';
export { simulateReference, type SimulateOptions } from './reference.js';
export { AccuracyTracker } from './accuracy.js';
export { addReadoutStep, argmaxFirst, SummedReadout } from './engine/readout.js';
export type { ArraySource, LabeledBatch, LabeledData, SimPath, SimProgress, SimulationData, SimulationResult } from './types.js';
export * from './encoders/index.js';
export * from './monitors/index.js';
export { CHUNK_VALUES, defaultChunk, MICRO_BATCH } from './engine/session.js';
export { type KernelTime, kernelProfile } from './engine/chunk-profile.js';
export {
  type ChunkIO,
  type Kernel,
  type KernelLayer,
  type LayerExec,
  type LayerKernel,
  listKernels,
  type MembraneProbe,
  type NeuronExec,
  type NeuronKernel,
  registerKernel,
  unregisterKernel,
} from './engine/kernels/index.js';
export { type ParallelJob, type ParallelResult, type ParallelRunner, parallelRunner, registerParallelRunner } from './parallel.js';
export { createProgressBar, type ProgressBar, type ProgressBarOptions, type ProgressEvent, type ProgressStream, progressLine } from './progress.js';
export {
  DEVICE_BACKENDS,
  DEVICE_CHUNK_VALUES,
  type DeviceChunk,
  type DeviceNeuronExec,
  deviceEngineRuns,
  registerWgslCharge,
  type WgslCharge,
} from './engine/gpu/index.js';
