/** Parent → training worker: start a replica from the initial graph, or run one step's share. */
export type ToTrainWorker =
  | { type: 'init'; backend: string; graph: { json: string; weights: Uint8Array }; lr: number; seed: number }
  | {
      type: 'step';
      /** The updates since the worker's last share (averaged gradients and learning rate), applied in order before this share's gradient. */
      updates: Array<{ grads: Float32Array[]; lr: number }>;
      x: Float32Array;
      shape: [number, number, number, number];
      labels: Int32Array;
      seed: number;
    };

/** Training worker → parent. */
export type FromTrainWorker = { type: 'ready' } | { type: 'grads'; loss: number; grads: Float32Array[] } | { type: 'error'; message: string };
