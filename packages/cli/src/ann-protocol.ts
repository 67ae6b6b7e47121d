import type { MessagePort } from 'node:worker_threads';
import type { BatchPlace, ObserverSetState, ObserverSpecs } from '@snn/converter';

/** Main → ANN worker (`ann-worker.ts`); the worker answers each message in the order sent. */
export type ToAnnWorker =
  /** Start the tfjs backend (the one running in the main thread). */
  | { type: 'init'; backend: string }
  /** Keep graph `id` (a `saveGraph` copy) for the requests that name it. */
  | { type: 'graph'; id: number; json: string; weights: Uint8Array }
  /** Test accuracy of graph `id` on the samples given (`@snn/graph`'s `evaluate`, same batches). */
  | { type: 'accuracy'; id: number; images: Float32Array; labels: Uint8Array; n: number; batchSize: number }
  /** Start a share of a calibration pass: graph `id` run to `nodes`, observers built from `specs`. */
  | { type: 'begin'; id: number; nodes: string[]; specs: ObserverSpecs }
  /** Observe one batch of that pass (`observeBatch`). */
  | { type: 'observe'; x: Float32Array; shape: number[]; at: BatchPlace }
  /** End the share: send the observers' state. */
  | { type: 'end' }
  /** Serve the simulation pool's protocol on `port` too (@snn/simulator's `serveSimulation`): the thread is lent to the pool. */
  | { type: 'simulate'; port: MessagePort };

/** ANN worker → main: one reply per message. */
export type FromAnnWorker =
  | { type: 'ready' }
  | { type: 'accuracy'; correct: number; n: number; seconds: number }
  | { type: 'observed' }
  | { type: 'share'; state: ObserverSetState; seconds: number }
  | { type: 'error'; message: string };
