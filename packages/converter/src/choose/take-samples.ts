import * as tf from '@tensorflow/tfjs-core';
import type { CalibrationData } from '../calibrate.js';

/** Images the bias correction simulates when the recipe does not say (`recipe.biasCorrectionSamples`). */
export const DEFAULT_BIAS_CORRECTION_SAMPLES = 256;

/**
 * The first `n` images of a stream of batches, exactly: whole batches while they fit, then the first
 * rows of the next one (so 256 images from batches of 100 are 100 + 100 + 56, not 300). A cut batch
 * is a new tensor, disposed when the consumer asks for the next; whole batches stay the producer's.
 *
 * @example for await (const x of takeSamples(batches, 256)) n += x.shape[0]; // n === 256
 */
export async function* takeSamples(data: CalibrationData, n: number): AsyncGenerator<tf.Tensor> {
  let left = n;
  for await (const x of data as AsyncIterable<tf.Tensor>) {
    if (left <= 0) return;
    const b = x.shape[0];
    if (b <= left) {
      left -= b;
      yield x;
      continue;
    }
    const cut = tf.slice(x, 0, left);
    left = 0;
    try {
      yield cut;
    } finally {
      cut.dispose();
    }
  }
}
