import { availableParallelism } from 'node:os';
import type { OutputMeansFn, ValidateFn } from '@snn/converter';
import { type Split, stratifiedSubset } from '@snn/datasets';
import { outputMeans, type SopResult, simulate, synapticOps, workersBusy } from '@snn/simulator';
import { SUBSET_SEED } from './data.js';

/**
 * Worker threads of the search's simulations: one per core. Each is small (256 images × T for a bias
 * correction, 500 × 2T for a candidate), under `simulate`'s own threshold for starting workers, but
 * the search runs many of them and the pool's threads stay warm between them. None (this thread)
 * while another simulation holds every pool thread (`snn demo` converts auto while the other modes
 * simulate): new threads would only start up on cores that are already busy.
 */
const searchWorkers = (): number => (workersBusy() ? 1 : availableParallelism());

/**
 * At most this many validation images (class-stratified, seeded) score each candidate of `convert`'s
 * automatic choices. Enough to separate candidates: the standard error of an accuracy p on n images
 * is √(p(1 − p)/n), 0.45 points at p = 99 % and 1.3 points at p = 90 % for n = 500, and candidates are
 * compared on the same images (paired), whose difference has the smaller error √(d/n), d the share of
 * images on which the two disagree.
 */
export const VALIDATION_SCORE_IMAGES = 500;

/** Validation images (class-stratified, seeded) on which the pick's spikes and SOPs per image are counted: a mean over 100 images. */
export const COST_IMAGES = 100;

/**
 * Scores a candidate SNN on the validation images (at most {@link VALIDATION_SCORE_IMAGES} of them):
 * accuracy at every step up to T from one fast-engine run, what `convert`'s automatic choices
 * compare. With `costs` (the pick, once): spikes and SOPs per image at every step, counted on
 * {@link COST_IMAGES} of them (the simulator's `synapticOps` monitor, which runs several times
 * slower), with the accuracy on those images.
 */
export function validator(validation: Split | null, batchSize: number): ValidateFn | undefined {
  if (!validation) return undefined;
  const images = stratifiedSubset(validation, Math.min(validation.n, VALIDATION_SCORE_IMAGES), SUBSET_SEED).split;
  const few = stratifiedSubset(validation, Math.min(validation.n, COST_IMAGES), SUBSET_SEED).split;
  return async (snn, T, o) => {
    if (!o?.costs) return { accuracy: (await simulate(snn, images, { T, batchSize, workers: searchWorkers() })).accuracy };
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
