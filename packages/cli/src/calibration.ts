import { batches, type Split, spikingJellyOrder } from '@snn/datasets';
import type * as tf from '@tensorflow/tfjs-core';

/**
 * Calibration batches over the training split in SpikingJelly's order perm[i] = (i·7919) mod n
 * (ANCHORS.md), 100 per batch, the first `limit` of that order; each batch is disposed once the consumer moves on.
 */
export function calibrationBatches(train: Split, limit?: number, batchSize = 100): () => Generator<tf.Tensor> {
  return function* () {
    for (const b of batches(train, { batchSize, order: spikingJellyOrder(train.n), limit })) {
      b.y.dispose();
      try {
        yield b.x;
      } finally {
        b.x.dispose();
      }
    }
  };
}
