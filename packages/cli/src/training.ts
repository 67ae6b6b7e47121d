import { type Split, stratifiedSubset, type SubsetInfo, type ValidationInfo, validationSplit } from '@snn/datasets';
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
