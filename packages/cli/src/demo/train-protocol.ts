/** Images per batch of the training's evaluation (`evaluate`'s default, passed explicitly so that the parent's and the worker's parts batch as one call would). */
export const EVAL_BATCH = 500;

/**
 * Parent → training worker: start a replica from the initial graph, apply a step's averaged
 * gradients at a learning rate (no reply: the worker applies it while the parent applies its own),
 * compute one step's share, or count the correct answers of the parent's network (its saved graph:
 * the parent's BatchNorm running statistics, not the replica's) on some images.
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
    }
  | { type: 'evaluate'; graph: { json: string; weights: Uint8Array }; images: Float32Array; labels: Uint8Array; n: number };

/** Training worker → parent. */
export type FromTrainWorker =
  | { type: 'ready' }
  | { type: 'grads'; loss: number; grads: Float32Array[] }
  | { type: 'evaluated'; correct: number }
  | { type: 'error'; message: string };
