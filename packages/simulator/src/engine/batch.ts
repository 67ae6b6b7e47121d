import type { Encoder } from '../encoders/types.js';
import type { EngineOptions } from '../options.js';
import type { EngineHooks } from './hooks.js';

/** One batch as plain arrays: `count` samples of the graph input (sample-major), the first being sample `first` of the run. */
export interface BatchData {
  x: Float32Array;
  labels: ArrayLike<number>;
  first: number;
  count: number;
}

/** What one batch contributes to the result. */
export interface BatchOutcome {
  /** `correct[t − 1]` in this batch. */
  correct: Int32Array;
  /** Predictions at the final step. */
  predictions: Int32Array;
  classes: number;
}

/** What a runner needs besides the plan: the run's T and encoder, the monitors' hooks, the engine's options (`chunk` set). */
export interface RunConfig {
  T: number;
  encoder: Encoder;
  hooks?: EngineHooks;
  engine: EngineOptions & { chunk: number };
}
