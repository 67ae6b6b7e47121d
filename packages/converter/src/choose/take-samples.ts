import * as tf from '@tensorflow/tfjs-core';
import type { CalibrationData } from '../calibrate.js';

/** Images the bias correction simulates when the recipe does not say (`recipe.biasCorrectionSamples`). */
export const DEFAULT_BIAS_CORRECTION_SAMPLES = 256;

/**
 * `n` images of a stream of batches, exactly. Without `pick`: the first n — whole batches while
 * they fit, then the first rows of the next one (so 256 images from batches of 100 are
 * 100 + 100 + 56, not 300). With `pick` (one flag per position of the pass, e.g. a class-stratified
 * seeded subset's positions, as the CLI's `sharedPassPick` gives): the first n picked positions,
 * each batch cut to its picked rows, in order. A cut batch is a new tensor, disposed when the
 * consumer asks for the next; whole batches stay the producer's.
 *
 * @example for await (const x of takeSamples(batches, 256)) n += x.shape[0]; // n === 256
 */
export async function* takeSamples(data: CalibrationData, n: number, pick?: Uint8Array): AsyncGenerator<tf.Tensor> {
  let left = n;
  let at = 0; // position of the batch's first row in the pass
  for await (const x of data as AsyncIterable<tf.Tensor>) {
    if (left <= 0) return;
    const b = x.shape[0];
    const rows: number[] = [];
    for (let i = 0; i < b && rows.length < left; i++) if (!pick || pick[at + i]) rows.push(i);
    at += b;
    if (!rows.length) continue;
    left -= rows.length;
    if (rows.length === b) {
      yield x;
      continue;
    }
    const cut = pick ? tf.gather(x, rows) : tf.slice(x, 0, rows.length);
    try {
      yield cut;
    } finally {
      cut.dispose();
    }
  }
}
