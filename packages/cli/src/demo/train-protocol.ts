/**
 * Parent → training worker: start a replica from the initial graph, apply a step's averaged
 * gradients at a learning rate (no reply: the worker applies it while the parent applies its own),
 * or compute one step's share.
 */
export type ToTrainWorker =
  | { type: 'init'; backend: string; graph: { json: string; weights: Uint8Array }; lr: number; seed: number }
  | { type: 'apply'; grads: Float32Array[]; lr: number }
  | {
      type: 'step';
      x: Float32Array;
      shape: [number, number, number, number];
      labels: Int32Array;
      seed: number;
    };

/** Training worker → parent. */
export type FromTrainWorker = { type: 'ready' } | { type: 'grads'; loss: number; grads: Float32Array[] } | { type: 'error'; message: string };
