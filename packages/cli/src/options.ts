import { parseMode, type Recipe } from '@snn/converter';
import { VALIDATION_FRACTION } from '@snn/datasets';
import { UserError } from './errors.js';

/** Parses `--T 8,16,32` into sorted distinct positive integers. */
export function parseTimeSteps(text: string | undefined, fallback: number[]): number[] {
  if (text === undefined) return fallback;
  const ts = text.split(',').map((s) => Number(s.trim()));
  const bad = ts.find((t) => !(Number.isInteger(t) && t > 0 && t <= 100_000));
  if (bad !== undefined || ts.length === 0) throw new UserError(`--T ${text}: expected comma-separated positive integers such as 8,16,32`);
  return [...new Set(ts)].sort((a, b) => a - b);
}

/** `--engine fast|reference` (default fast): the simulator's fast engine for the backend, or the step-by-step reference. */
export function parseEngine(text: string | undefined): 'auto' | 'reference' {
  if (text === undefined || text === 'fast') return 'auto';
  if (text === 'reference') return 'reference';
  throw new UserError(`--engine ${text}: expected fast or reference`);
}

/** Parses a positive integer option, naming it on error. */
export function positiveInt(name: string, text: string | undefined, fallback?: number): number | undefined {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!(Number.isInteger(v) && v > 0)) throw new UserError(`--${name} ${text}: expected a positive integer`);
  return v;
}

/**
 * Parses a `--mode` value into a recipe; a bad one is a user error naming it. With `Ts` (the `--T`
 * the SNN will be read at, `snn eval`), `auto` is tuned for them (`autoForTimes`); without, auto@16.
 */
export function modeOption(text: string, Ts?: readonly number[]): Recipe {
  try {
    return parseMode(text, { T: Ts });
  } catch (e) {
    // the converter says "mode 'X': problem"; the user typed --mode X
    throw new UserError((e as Error).message.replace(/^mode '(.*?)':/, '--mode $1:'));
  }
}

/** `--validation 10%` (the share of the training split held out for automatic choices) or `off`. */
export function parseValidation(text: string | undefined): number | null {
  if (text === undefined) return VALIDATION_FRACTION;
  if (text === 'off') return null;
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  const p = m ? Number(m[1]) : Number.NaN;
  if (!(p > 0 && p < 100)) throw new UserError(`--validation ${text}: expected a share of the training split such as 10%, or off`);
  return p / 100;
}

/** `--bias-correction N` (simulate exactly N calibration images) or `off`; undefined leaves the recipe's own. */
export function parseBiasCorrection(text: string | undefined): number | 'off' | undefined {
  if (text === undefined || text === 'off') return text;
  const v = Number(text);
  if (!(Number.isInteger(v) && v > 0)) throw new UserError(`--bias-correction ${text}: expected a number of images (a positive integer) or off`);
  return v;
}

/**
 * A recipe with the user's `--bias-correction`: `off` turns it off, N turns it on with exactly N
 * images; either way the recipe no longer chooses bias correction itself.
 */
export function withBiasCorrection(recipe: Recipe, bc: number | 'off' | undefined): Recipe {
  if (bc === undefined) return recipe;
  const choices = recipe.choices?.filter((c) => c.name !== 'bias-correction');
  const set: Partial<Recipe> = bc === 'off' ? { biasCorrection: false } : { biasCorrection: true, biasCorrectionSamples: bc };
  return { ...recipe, ...set, choices: choices?.length ? choices : undefined };
}

/** `--readout-delay K` (outputs summed from step K + 1) or `estimate` (SpikingJelly's `estimate_delay_start` rule); undefined leaves the recipe's own. */
export function parseReadoutDelay(text: string | undefined): number | 'estimate' | undefined {
  if (text === undefined || text === 'estimate') return text;
  const v = Number(text);
  if (!(text.trim() !== '' && Number.isInteger(v) && v >= 0))
    throw new UserError(`--readout-delay ${text}: expected a number of steps (an integer >= 0) or estimate`);
  return v;
}

/** A recipe with the user's `--readout-delay` (which replaces any readout-delay choice of the recipe). */
export function withReadoutDelay(recipe: Recipe, delay: number | 'estimate' | undefined): Recipe {
  if (delay === undefined) return recipe;
  const choices = recipe.choices?.filter((c) => c.name !== 'readout-delay');
  return { ...recipe, readoutDelay: delay, choices: choices?.length ? choices : undefined };
}
