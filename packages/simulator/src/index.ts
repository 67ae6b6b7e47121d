export { simulate, isArraySource } from './simulate.js';
export type { ReadoutKind, SimOptions } from './options.js';
export { simulateReference, type SimulateOptions } from './reference.js';
export { AccuracyTracker } from './accuracy.js';
export type { ArraySource, LabeledBatch, LabeledData, SimPath, SimProgress, SimulationData, SimulationResult } from './types.js';
export * from './encoders/index.js';
export type { Monitor } from './monitors/types.js';
