import * as tf from '@tensorflow/tfjs-core';
import type { Split } from '../types.js';
import { batchArrays } from './batch-arrays.js';
import type { BatchOptions } from './options.js';

/** One batch as tensors. The consumer owns them: dispose `x` and `y` (or use `tf.tidy`). */
export interface TensorBatch {
  /** `[b, H, W, C]` float32 images (NHWC). */
  x: tf.Tensor4D;
  /** `[b]` int32 class labels. */
  y: tf.Tensor1D;
  /** Position of this batch in the epoch (0, 1, …). */
  index: number;
  /** Which samples of the split are in this batch. */
  indices: Uint32Array;
}

/**
 * Yields a split as tensor batches, creating each batch only when asked for, so at most the
 * current batch lives as tensors; the whole split stays in plain arrays. Seeded shuffling
 * makes the order reproducible.
 *
 * @example
 * for (const { x, y } of batches(train, { batchSize: 100, shuffle: true, seed: 1 })) {
 *   const loss = step(x, y);
 *   tf.dispose([x, y]);
 * }
 */
export function* batches(split: Split, options: BatchOptions): Generator<TensorBatch> {
  const [h, w, c] = split.shape;
  for (const b of batchArrays(split, options)) {
    const x = tf.tensor4d(b.x, [b.size, h, w, c], 'float32');
    const y = tf.tensor1d(Int32Array.from(b.y), 'int32');
    yield { x, y, index: b.index, indices: b.indices };
  }
}
