import * as tf from '@tensorflow/tfjs-core';
import { execute } from '../execute.js';
import type { Graph } from '../graph.js';
import { createRng } from '@snn/core';
import type { Trainer } from './trainer.js';

/** Samples in flat arrays: `images` holds n samples of the graph input's shape (NHWC), row-major. */
export interface ArraySamples {
  images: Float32Array;
  labels: Uint8Array | Int32Array | number[];
  n: number;
}

/** A seeded permutation of 0..n−1 (Fisher–Yates). */
export function shuffled(n: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx;
}

/** The batch `order[start..start+size)` as tensors: images `[b, ...shape]`, labels int32 `[b]`. */
export function gatherBatch(
  data: ArraySamples,
  shape: readonly number[],
  order: ArrayLike<number> | null,
  start: number,
  size: number,
): { x: tf.Tensor; y: tf.Tensor } {
  const per = shape.reduce((a, b) => a * b, 1);
  const b = Math.min(size, data.n - start);
  const xs = new Float32Array(b * per);
  const ys = new Int32Array(b);
  for (let i = 0; i < b; i++) {
    const k = order ? order[start + i] : start + i;
    xs.set(data.images.subarray(k * per, (k + 1) * per), i * per);
    ys[i] = data.labels[k];
  }
  return { x: tf.tensor(xs, [b, ...shape], 'float32'), y: tf.tensor1d(ys, 'int32') };
}

/** Progress of {@link trainEpoch}, after each batch. */
export interface BatchProgress {
  batch: number;
  batches: number;
  loss: number;
}

/**
 * One epoch over `data` in shuffled batches (seeded: `seed` picks the order). Returns the mean loss.
 *
 * @example
 * for (let e = 0; e < 10; e++) trainEpoch(trainer, train, { batchSize: 100, seed: e });
 */
export function trainEpoch(
  trainer: Trainer,
  data: ArraySamples,
  opts: { batchSize: number; seed?: number; shuffle?: boolean; onBatch?: (p: BatchProgress) => void },
): number {
  const shape = trainer.graph.inputs[0].shape;
  const order = opts.shuffle === false ? null : shuffled(data.n, opts.seed ?? 0);
  const batches = Math.ceil(data.n / opts.batchSize);
  let sum = 0;
  for (let i = 0; i < batches; i++) {
    const { x, y } = gatherBatch(data, shape, order, i * opts.batchSize, opts.batchSize);
    const loss = trainer.step(x, y);
    tf.dispose([x, y]);
    sum += loss;
    opts.onBatch?.({ batch: i + 1, batches, loss });
  }
  return sum / batches;
}

/**
 * Classification accuracy of the graph's first output, inference mode, in batches: a sample counts
 * when argmax over its output (flattened: `[b, …] → [b, K]`) equals its label,
 * `accuracy = #{i : argmax_k z_ik = y_i} / n`. The one evaluation function of the project (the CLI's
 * ANN accuracy is this); reads back asynchronously, so it runs on every backend (WebGPU's synchronous
 * read is broken).
 *
 * @example
 * const { accuracy } = await evaluate(graph, test, { batchSize: 500 });
 */
export async function evaluate(graph: Graph, data: ArraySamples, opts: { batchSize?: number } = {}): Promise<{ accuracy: number; correct: number; n: number }> {
  const size = opts.batchSize ?? 500;
  const shape = graph.inputs[0].shape;
  let correct = 0;
  for (let start = 0; start < data.n; start += size) {
    const { x, y } = gatherBatch(data, shape, null, start, size);
    const hits = tf.tidy(() => {
      const z = execute(graph, x).outputs[0];
      return tf.sum(tf.cast(tf.equal(tf.argMax(tf.reshape(z, [z.shape[0], -1]), -1), y), 'int32'));
    });
    tf.dispose([x, y]);
    correct += (await hits.data())[0];
    hits.dispose();
  }
  return { accuracy: data.n ? correct / data.n : 0, correct, n: data.n };
}
