import type { EncoderSpec } from '../encoders/types.js';
import type { KernelTime } from '../engine/chunk-profile.js';
import type { EngineOptions } from '../options.js';
import type { Monitor } from '../monitors/types.js';

/** Main → worker: set up a session. */
export interface InitMessage {
  type: 'init';
  /** tfjs backend to start in the worker ('wasm' or 'cpu'). */
  backend: string;
  graph: { json: string; weights: Uint8Array };
  T: number;
  encoder: EncoderSpec;
  monitors: Monitor[];
  engine: EngineOptions;
  /** Record per-node kernel times (`kernelProfile`) and send them with the partials. */
  profile?: boolean;
}

/** Main → worker: start the tfjs backend now, before any job (a pre-started, warm thread). */
export interface WarmMessage {
  type: 'warm';
  backend: string;
}

/** Main → worker: run one batch (`x` is transferred). */
export interface BatchMessage {
  type: 'batch';
  id: number;
  x: Float32Array;
  labels: number[];
  first: number;
  count: number;
}

/** Main → worker: send the monitors' partial results and stop. */
export interface FinishMessage {
  type: 'finish';
}

export type ToWorker = WarmMessage | InitMessage | BatchMessage | FinishMessage;

export type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; id: number; correct: Int32Array; predictions: Int32Array; classes: number; chunk: number }
  | { type: 'finished'; partials: unknown[]; kernels?: KernelTime[] }
  | { type: 'error'; message: string; stack?: string };
