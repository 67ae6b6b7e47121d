import { type ConversionReport, type ConvertOptions, convert, type Recipe } from '@snn/converter';
import { DATA_FLAG_OPTIONS, DATA_FLAGS_USAGE } from '@snn/datasets';
import type { Graph } from '@snn/graph';
import { calibrationBatches } from '../calibration.js';
import { parseBiasCorrection, parseValidation, positiveInt, withBiasCorrection } from '../options.js';
import { currentProfile, phase } from '../profile.js';
import type { CommandContext } from '../registry.js';
import { fastOutputMeans, type TrainingUse, validator } from '../training.js';

export { trainingUse } from '../training.js';

/** The options `convert` and `eval` share for how the training split is used. */
export const CONVERSION_OPTIONS = {
  ...DATA_FLAG_OPTIONS,
  calibrate: { type: 'string' },
  validation: { type: 'string' },
  'bias-correction': { type: 'string' },
  force: { type: 'boolean' },
} as const;

/** Their usage, for the command's usage line. */
export const CONVERSION_USAGE = `${DATA_FLAGS_USAGE}\n  [--calibrate N] [--validation 10%|off] [--bias-correction N|off]`;

/** The parsed training-split options, checked before anything is loaded. */
export interface TrainingOptions {
  calibrate?: number;
  validation: number | null;
  biasCorrection?: number | 'off';
}

export function trainingOptions(options: CommandContext['options']): TrainingOptions {
  return {
    calibrate: positiveInt('calibrate', options.calibrate as string | undefined),
    validation: parseValidation(options.validation as string | undefined),
    biasCorrection: parseBiasCorrection(options['bias-correction'] as string | undefined),
  };
}

/**
 * Converts with the user's recipe and options: calibration on `use.calibration` (SpikingJelly's
 * order), `--bias-correction` applied, automatic choices scored on `use.validation`; `calibrationCache`
 * shares calibration statistics between conversions (`snn demo`'s one pass for every mode).
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
  return phase('convert', async () => {
    try {
      // an explicit --calibrate N is what calibration reads, whatever the recipe's own cap
      const r = o.calibrate === undefined ? recipe : { ...recipe, calibrationSamples: undefined };
      return await convert(ann, calibrationBatches(use.calibration), withBiasCorrection(r, o.biasCorrection), {
        validate: validator(use.validation, batchSize),
        outputMeans: fastOutputMeans,
        onProgress: stages && ((p) => stages.mark(p.stage)),
        calibrationCache,
      });
    } finally {
      stages?.end();
    }
  });
}
