import { availableParallelism } from 'node:os';
import type { OutputMeansFn, ValidateFn } from '@snn/converter';
import { type Split, stratifiedSubset, type SubsetInfo, type ValidationInfo, validationSplit } from '@snn/datasets';
import { outputMeans, type SopResult, simulate, synapticOps, workersBusy } from '@snn/simulator';
import { SUBSET_SEED } from './data.js';
import { UserError } from './errors.js';

/** How the training split is used: the images calibration sees, and the held-out validation images. */
export interface TrainingUse {
  /** What calibration and bias correction see (walked in SpikingJelly's order). */
  calibration: Split;
  /** Held out for automatic choices; calibration never sees it. null with `--validation off`. */
  validation: Split | null;
  info: { calibration: SubsetInfo; validation: ValidationInfo | null };
}

/** The training split less its validation part: what calibration (and `snn train`) may see, and what they may not. */
export interface HeldOut {
  /** Every training image outside the validation part, in the original order (all of them with validation off). */
  rest: Split;
  /** The validation part every automatic choice scores on; null with `--validation off`. */
  validation: Split | null;
  info: ValidationInfo | null;
}

/**
 * Holds out the validation part of the training split: with `fraction` a share, the class-stratified
 * seeded `validationSplit` (seed `SUBSET_SEED`) that `auto` and every automatic choice of `eval`,
 * `convert`, `sweep` and `demo` score on; `rest` is every other image. One rule for all of them, so
 * that `snn train` (fits on `rest`) and the demo's training never see the images the choices use.
 *
 * @example
 * const { rest, info } = holdOutValidation(data.train, VALIDATION_FRACTION); // 7,196 of 7,996 to fit on
 */
export function holdOutValidation(train: Split, fraction: number | null): HeldOut {
  if (fraction === null) return { rest: train, validation: null, info: null };
  const parts = validationSplit(train, { fraction, seed: SUBSET_SEED });
  return { rest: parts.calibration, validation: parts.validation, info: parts.info };
}

/**
 * Carves the training split: with `validation` a fraction, a class-stratified seeded part is held
 * out (`validationSplit`) and calibration sees only the rest; `calibrate` then takes exactly that
 * many of the rest (class-stratified, seeded) instead of all of it.
 */
export function trainingUse(train: Split, o: { validation: number | null; calibrate?: number; biasCorrection?: number | 'off' }): TrainingUse {
  const parts = holdOutValidation(train, o.validation);
  const rest = parts.rest;
  const where = parts.validation ? `the training split less its ${Math.round(100 * o.validation!)}% validation part` : 'the training split';
  if (o.calibrate !== undefined && o.calibrate > rest.n) throw new UserError(`--calibrate ${o.calibrate}: ${where} has ${rest.n} images`);
  if (typeof o.biasCorrection === 'number' && o.biasCorrection > Math.min(rest.n, o.calibrate ?? rest.n))
    throw new UserError(`--bias-correction ${o.biasCorrection}: calibration has ${Math.min(rest.n, o.calibrate ?? rest.n)} images`);
  const picked = stratifiedSubset(rest, o.calibrate ?? rest.n, SUBSET_SEED);
  return { calibration: picked.split, validation: parts.validation, info: { calibration: picked.info, validation: parts.info } };
}

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
    const r = await simulate(snn, few, { T, batchSize, workers: searchWorkers(), monitors: [synapticOps()] });
    const sop = r.monitors?.synapticOps as SopResult;
    return { accuracy: r.accuracy, spikesPerImage: sop.spikesUpTo, sopsPerImage: sop.sopsUpTo };
  };
}

/** Bias correction's SNN means through the simulator's fast engine (chunked, SIMD; workers when large). */
export const fastOutputMeans: OutputMeansFn = async (snn, data, T, at) =>
  (await simulate(snn, { ...data, labels: new Uint8Array(data.n) }, { T, workers: searchWorkers(), monitors: [outputMeans({ at })] })).monitors
    ?.outputMeans as number[];
