import type { OutputMeansFn, ValidateFn } from '@snn/converter';
import { pickSamples, seededPermutation, type Split, stratifiedSubset } from '@snn/datasets';
import { freeWorkers, outputMeans, predictions, type SopResult, simulate, synapticOps } from '@snn/simulator';
import { SUBSET_SEED } from './data.js';

/**
 * Worker threads of the search's simulations: one per core. Each is small (256 images × T for a bias
 * correction, 500 × 2T for a candidate), under `simulate`'s own threshold for starting workers, but
 * the search runs many of them and the pool's threads stay warm between them. While another
 * simulation holds some of the pool's threads, only the idle ones (`freeWorkers`); none (this
 * thread) while it holds every one (`snn demo` converts auto while the other modes simulate; a
 * candidate's validation run while another's bias correction runs): new threads would only start
 * up on cores that are already busy.
 */
export const searchWorkers = (): number => Math.max(1, freeWorkers());

/**
 * At most this many validation images (a class-stratified, seeded order of the split) can score a
 * candidate of `convert`'s automatic choices. Candidates are raced (`makeChoices`): every one is scored
 * on the first 250 images, paired with the default image by image, and the images double only while a
 * challenger is better but not yet beyond the noise — the standard error of a paired difference is
 * √(d/n), d the share of images on which the two disagree (d = 5 %, n = 3,000: 0.4 points).
 */
export const VALIDATION_RACE_IMAGES = 3000;

/** Validation images a scorer asked for no particular images scores (the first of its order), and what tools that compare a few fixed variants use. */
export const VALIDATION_SCORE_IMAGES = 500;

/** Validation images (class-stratified, seeded) on which the pick's spikes and SOPs per image are counted: a mean over 100 images. */
export const COST_IMAGES = 100;

/**
 * A class-stratified order of all of `labels`: within each class c (m_c samples) the samples in
 * `seededPermutation(N, seed)` order, the j-th of them placed at (j + ½)/m_c, all merged by that
 * place (ties to the lower class). Every prefix holds each class in proportion (±1), so a race can
 * take the first n, then the next n, and so on.
 *
 * @example stratifiedOrder([0, 0, 1, 1], 0) // one of each class, then one of each class
 */
export function stratifiedOrder(labels: ArrayLike<number>, seed: number): Uint32Array {
  const byClass: number[][] = [];
  for (const i of seededPermutation(labels.length, seed)) {
    byClass[labels[i]] ??= [];
    byClass[labels[i]].push(i);
  }
  const placed: Array<[number, number, number]> = [];
  for (const [c, members] of byClass.entries()) if (members) for (const [j, i] of members.entries()) placed.push([(j + 0.5) / members.length, c, i]);
  placed.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return Uint32Array.from(placed, (p) => p[2]);
}

/**
 * Scores a candidate SNN on validation images [from, to) of a class-stratified, seeded order of the
 * split ({@link stratifiedOrder}; at most {@link VALIDATION_RACE_IMAGES} of them; without `images`,
 * the first {@link VALIDATION_SCORE_IMAGES}): accuracy at every step up to T from one fast-engine run and, for the steps `at`,
 * each image's correctness (the simulator's `predictions` monitor) — what `convert`'s automatic
 * choices compare, paired. With `costs` (the pick, once): spikes and SOPs per image at every step,
 * counted on {@link COST_IMAGES} of them (the simulator's `synapticOps` monitor, which runs several
 * times slower), with the accuracy on those images.
 */
export function validator(validation: Split | null, batchSize: number): ValidateFn | undefined {
  if (!validation) return undefined;
  const order = stratifiedOrder(validation.labels, SUBSET_SEED).subarray(0, Math.min(validation.n, VALIDATION_RACE_IMAGES));
  const few = stratifiedSubset(validation, Math.min(validation.n, COST_IMAGES), SUBSET_SEED).split;
  return async (snn, T, o) => {
    if (!o?.costs) {
      const [from, to] = (o?.images ?? [0, VALIDATION_SCORE_IMAGES]).map((v) => Math.max(0, Math.min(order.length, v)));
      if (to <= from) return { accuracy: new Array<number>(T).fill(0), correct: [], of: order.length };
      const images = pickSamples(validation, order.subarray(from, to));
      const at = o?.at;
      const r = await simulate(snn, images, { T, batchSize, workers: searchWorkers(), monitors: at ? [predictions({ at })] : [] });
      if (!at) return { accuracy: r.accuracy, of: order.length };
      const p = r.monitors?.predictions as number[];
      const correct = new Uint8Array(p.length);
      for (let j = 0; j < p.length; j++) correct[j] = p[j] === images.labels[Math.floor(j / at.length)] ? 1 : 0;
      return { accuracy: r.accuracy, correct, of: order.length };
    }
    // one batch per worker: the 100 images in one batch of `batchSize` would run in this thread alone
    const workers = searchWorkers();
    const r = await simulate(snn, few, { T, batchSize: Math.min(batchSize, Math.ceil(few.n / workers)), workers, monitors: [synapticOps()] });
    const sop = r.monitors?.synapticOps as SopResult;
    return { accuracy: r.accuracy, spikesPerImage: sop.spikesUpTo, sopsPerImage: sop.sopsUpTo };
  };
}

/** Bias correction's SNN means through the simulator's fast engine (chunked, SIMD; workers when large). */
export const fastOutputMeans: OutputMeansFn = async (snn, data, T, at) =>
  (await simulate(snn, { ...data, labels: new Uint8Array(data.n) }, { T, workers: searchWorkers(), monitors: [outputMeans({ at })] })).monitors
    ?.outputMeans as number[];
