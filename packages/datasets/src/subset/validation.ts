import type { Split } from '../types.js';
import { pickSamples, stratifiedIndices } from './stratified.js';

/** The default share of the training split held out for validation. */
export const VALIDATION_FRACTION = 0.1;

/** How a validation split was carved, for reports. */
export interface ValidationInfo {
  /** Share of the training split held out. */
  fraction: number;
  /** Validation samples, and the training split's size they came from. */
  n: number;
  of: number;
  rule: 'class-stratified';
  seed: number;
}

/**
 * Splits a training split into a calibration part and a validation part that calibration never
 * sees: the validation part is a class-stratified, seeded subset of `round(fraction · n)` samples
 * (see `stratifiedSubset`), the calibration part every other sample, in their original order.
 * Every choice made by looking at accuracy (a recipe's automatic choices) scores on `validation`;
 * the test split stays untouched.
 *
 * @example
 * const { calibration, validation, info } = validationSplit(data.train); // 7,197 + 799 of 7,996
 */
export function validationSplit(
  train: Split,
  options: { fraction?: number; seed?: number } = {},
): { calibration: Split; validation: Split; info: ValidationInfo } {
  const fraction = options.fraction ?? VALIDATION_FRACTION;
  const seed = options.seed ?? 0;
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`validation fraction must be in (0, 1), got ${fraction}`);
  const n = Math.round(fraction * train.n);
  const held = stratifiedIndices(train.labels, n, seed);
  const isHeld = new Uint8Array(train.n);
  for (const i of held) isHeld[i] = 1;
  const rest = new Uint32Array(train.n - n);
  for (let i = 0, k = 0; i < train.n; i++) if (!isHeld[i]) rest[k++] = i;
  return {
    calibration: pickSamples(train, rest),
    validation: pickSamples(train, held),
    info: { fraction, n, of: train.n, rule: 'class-stratified', seed },
  };
}
