export { DEVICE_CHUNK_VALUES, deviceEngineRuns, simulateOnDevice } from './simulate-device.js';
export { DEVICE_BACKENDS, type DeviceChunk, type DeviceNeuronExec } from './types.js';
export { registerWgslCharge, type WgslCharge } from './wgsl-charges.js';
export { deviceStepKernel, webgpuNeuronKernel } from './kernels.js';
