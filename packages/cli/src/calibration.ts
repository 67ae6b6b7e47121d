import type { Recipe } from '@snn/converter';
import { batches, type Split, spikingJellyOrder, stratifiedIndices, stratifiedSubset } from '@snn/datasets';
import type * as tf from '@tensorflow/tfjs-core';
import { SUBSET_SEED } from './data.js';

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

/**
 * The images one conversion calibrates on, and the recipe to calibrate with. A recipe's own cap
 * (`recipe.calibrationSamples`: auto's 2,000) takes a class-stratified subset of that many, seeded
 * with `SUBSET_SEED`, as `--calibrate N` does (the project's rule for subsets; the first N of
 * SpikingJelly's stride order are not stratified), and the recipe calibrates on all of it. An explicit
 * `--calibrate N` (`explicit`: `calibration` is already that subset) replaces the cap. A pass shared
 * with other recipes (`shared`: `snn demo`) reads the whole set once, and a capped observer takes the
 * same subset's images from it ({@link sharedPassPick}).
 */
export function calibrationSet(calibration: Split, recipe: Recipe, o: { explicit: boolean; shared: boolean }): { split: Split; recipe: Recipe } {
  const cap = recipe.calibrationSamples;
  if (cap === undefined || o.shared) return { split: calibration, recipe };
  const uncapped = { ...recipe, calibrationSamples: undefined };
  if (o.explicit || cap >= calibration.n) return { split: calibration, recipe: uncapped };
  return { split: stratifiedSubset(calibration, cap, SUBSET_SEED).split, recipe: uncapped };
}

/**
 * For a pass of {@link calibrationBatches} over `calibration` shared by several recipes (`snn demo`):
 * which positions of the pass an observer capped at `samples` takes — the images of the class-stratified
 * subset {@link calibrationSet} gives that recipe alone (seeded with `SUBSET_SEED`), so a capped recipe
 * gets the same images, and its exact statistics the same values, in a shared pass and on its own.
 */
export function sharedPassPick(calibration: Split): (samples: number) => Uint8Array {
  return (samples) => {
    const chosen = new Uint8Array(calibration.n);
    for (const i of stratifiedIndices(calibration.labels, Math.min(samples, calibration.n), SUBSET_SEED)) chosen[i] = 1;
    return Uint8Array.from(spikingJellyOrder(calibration.n), (i) => chosen[i]);
  };
}
