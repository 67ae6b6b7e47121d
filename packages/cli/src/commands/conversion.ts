import { type CalibrationCache, type ConversionReport, type ConvertOptions, convert, type Recipe } from '@snn/converter';
import { DATA_FLAG_OPTIONS, DATA_FLAGS_USAGE } from '@snn/datasets';
import type { Graph } from '@snn/graph';
import { AnnThread } from '../ann-thread.js';
import { calibrationBatches, calibrationSet, sharedPassPick } from '../calibration.js';
import { threadHelper } from '../calibration-helper.js';
import { parseBiasCorrection, parseReadoutDelay, parseValidation, positiveInt, withBiasCorrection, withReadoutDelay } from '../options.js';
import { currentProfile, phase } from '../profile.js';
import type { CommandContext } from '../registry.js';
import type { TrainingUse } from '../training.js';
import { fastStagedMeans } from '../staged-means.js';
import { fastOutputMeans, validator } from '../validation.js';

export { trainingUse } from '../training.js';

/** The options `convert` and `eval` share for how the training split is used. */
export const CONVERSION_OPTIONS = {
  ...DATA_FLAG_OPTIONS,
  calibrate: { type: 'string' },
  validation: { type: 'string' },
  'bias-correction': { type: 'string' },
  'readout-delay': { type: 'string' },
  force: { type: 'boolean' },
} as const;

/** Their usage, for the command's usage line. */
export const CONVERSION_USAGE = `${DATA_FLAGS_USAGE}\n  [--calibrate N] [--validation 10%|off] [--bias-correction N|off] [--readout-delay K|estimate]`;

/** The parsed training-split options, checked before anything is loaded. */
export interface TrainingOptions {
  calibrate?: number;
  validation: number | null;
  biasCorrection?: number | 'off';
  /** `--readout-delay`: k, or `estimate` (SpikingJelly's rule); undefined leaves the recipe's own. */
  readoutDelay?: number | 'estimate';
  /** Measure the pick's spikes and SOPs per image for the report (default true; `snn demo`, which drops the report, says false). */
  costs?: boolean;
}

export function trainingOptions(options: CommandContext['options']): TrainingOptions {
  return {
    calibrate: positiveInt('calibrate', options.calibrate as string | undefined),
    validation: parseValidation(options.validation as string | undefined),
    biasCorrection: parseBiasCorrection(options['bias-correction'] as string | undefined),
    readoutDelay: parseReadoutDelay(options['readout-delay'] as string | undefined),
  };
}

/** The recipe with the user's `--bias-correction` and `--readout-delay` applied (what is converted). */
export function withTrainingFlags(recipe: Recipe, o: TrainingOptions): Recipe {
  return withReadoutDelay(withBiasCorrection(recipe, o.biasCorrection), o.readoutDelay);
}

/**
 * Converts with the user's recipe and options: calibration on `use.calibration` (SpikingJelly's
 * order), `--bias-correction` applied, automatic choices scored on `use.validation`; `calibrationCache`
 * shares calibration statistics between conversions (`snn demo`'s one pass for every mode). The ANN
 * worker thread (when there is a second core) observes part of the calibration batches.
 */
export async function convertWith(
  ann: Graph,
  recipe: Recipe,
  use: TrainingUse,
  o: TrainingOptions,
  batchSize: number,
  calibrationCache?: ConvertOptions['calibrationCache'],
): Promise<{ snn: Graph; report: ConversionReport }> {
  const stages = currentProfile()?.stages('convert');
  const cache: CalibrationCache = calibrationCache ?? new Map();
  if (calibrationCache) cache.pick ??= sharedPassPick(use.calibration); // a capped recipe's stratified subset, in the shared pass
  const thread = AnnThread.shared();
  cache.helper ??= thread && threadHelper(thread); // the ANN worker observes some of the batches
  const worker = (cache.helper as { seconds?: number } | undefined)?.seconds ?? 0;
  return phase('convert', async () => {
    try {
      // the recipe's own cap takes a stratified seeded subset; an explicit --calibrate N replaces it
      const set = calibrationSet(use.calibration, recipe, { explicit: o.calibrate !== undefined, shared: calibrationCache !== undefined });
      cache.pick ??= sharedPassPick(set.split); // bias correction's images: a class-stratified seeded subset of this pass
      return await convert(ann, calibrationBatches(set.split), withTrainingFlags(set.recipe, o), {
        validate: validator(use.validation, batchSize),
        outputMeans: fastOutputMeans,
        stagedMeans: fastStagedMeans,
        onProgress: stages && ((p) => stages.mark(p.stage)),
        calibrationCache: cache,
        costs: o.costs,
      });
    } finally {
      stages?.end();
      const more = ((cache.helper as { seconds?: number } | undefined)?.seconds ?? 0) - worker;
      if (more > 0) currentProfile()?.add('convert:worker', more);
    }
  });
}
