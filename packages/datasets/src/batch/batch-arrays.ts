import type { Split } from '../types.js';
import { type BatchOptions, resolveOrder } from './options.js';

/** One batch as plain arrays (fresh copies the consumer owns). */
export interface ArrayBatch {
  /** `size · H · W · C` pixels, NHWC. */
  x: Float32Array;
  /** `size` labels. */
  y: Uint8Array;
  /** Which samples of the split are in this batch, in order. */
  indices: Uint32Array;
  /** Position of this batch in the epoch (0, 1, …). */
  index: number;
  size: number;
}

/**
 * Walks a split in batches of plain typed arrays (no tensors): useful in workers, for custom
 * tensor creation, or to post batches between threads.
 *
 * @example for (const b of batchArrays(test, { batchSize: 100, limit: 500 })) total += b.size;
 */
export function* batchArrays(split: Split, options: BatchOptions): Generator<ArrayBatch> {
  const order = resolveOrder(split.n, options);
  const per = split.shape[0] * split.shape[1] * split.shape[2];
  const bs = options.batchSize;
  for (let start = 0, index = 0; start < order.length; start += bs, index++) {
    const size = Math.min(bs, order.length - start);
    if (size < bs && options.dropLast) return;
    const x = new Float32Array(size * per);
    const y = new Uint8Array(size);
    const indices = new Uint32Array(size);
    for (let i = 0; i < size; i++) {
      const k = order[start + i];
      indices[i] = k;
      y[i] = split.labels[k];
      x.set(split.images.subarray(k * per, (k + 1) * per), i * per);
    }
    yield { x, y, indices, index, size };
  }
}
