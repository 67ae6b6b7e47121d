/** Main → ANN worker (`ann-worker.ts`); the worker answers each message in the order sent. */
export type ToAnnWorker =
  /** Start the tfjs backend (the one running in the main thread). */
  | { type: 'init'; backend: string }
  /** Keep graph `id` (a `saveGraph` copy) for the requests that name it. */
  | { type: 'graph'; id: number; json: string; weights: Uint8Array }
  /** Test accuracy of graph `id` on the samples given (`@snn/graph`'s `evaluate`, same batches). */
  | { type: 'accuracy'; id: number; images: Float32Array; labels: Uint8Array; n: number; batchSize: number };

/** ANN worker → main: one reply per message. */
export type FromAnnWorker = { type: 'ready' } | { type: 'accuracy'; correct: number; n: number; seconds: number } | { type: 'error'; message: string };
