export { simulateReference, type SimulateOptions } from './reference.js';
export { AccuracyTracker } from './accuracy.js';
export type { LabeledBatch, LabeledData, SimProgress, SimulationResult } from './types.js';
