export { convert, ConversionError, type ConversionReport, type ConvertOptions, type LayerReport } from './convert.js';
export {
  type CalibrationCache,
  type CalibrationEntry,
  calibrate,
  type CalibrationHelper,
  observeBatch,
  type CalibrationData,
  observerOptions,
  type ProgressFn,
  sharedCalibration,
} from './calibrate.js';
export { foldBatchNorm, type FoldedBatchNorm } from './passes/fold-batchnorm.js';
export {
  applyReadoutDelay,
  clippedAnn,
  DELAY_ESTIMATE_SAMPLES,
  type DelayEstimate,
  estimateReadoutDelay,
  MIN_READOUT_STEPS,
  type ReadoutDelayReport,
} from './passes/delay-estimate.js';
export { moveMaxPoolBeforeActivation, timeVaryingNodes } from './passes/move-maxpool.js';
export { MAX_POOL_RULES, type MaxPoolRecipe, planSpikingPools, replaceMaxPools, type SpikingPool } from './passes/spiking-max-pool.js';
export { biasTargets, type BiasTarget } from './passes/bias-correction.js';
export { isConvertibleActivation, replaceActivations, type ReplaceOptions } from './passes/replace-activations.js';
export { DEFAULT_MAX_POOL, type Recipe, recipeSimulates, validateRecipe } from './recipe.js';
export {
  AUTO_READOUT_DELAYS,
  autoForTimes,
  autoRecipe,
  biasCorrectionSteps,
  parseMode,
  qcfsRecipe,
  recipeNames,
  registerRecipe,
  spikingJellyRecipe,
} from './recipes.js';
export { normStrategy, registerNormStrategy, type NormMode, type NormStrategy } from './normalization/index.js';
export { ActivationObserver, type ObserverOptions, type ObserverState, type Statistics } from './observers/observer.js';
export { type BatchPlace, ObserverSet, type ObserverSetState, type ObserverSpecs } from './observers/observer-set.js';
export { quantile } from './stats/quantile.js';
export { highQuantile } from './stats/high-quantile.js';
export { topkQuantile } from './normalization/percentile.js';
export { type HistogramState, StreamingHistogram } from './stats/histogram.js';
export { thresholdForT } from './stats/threshold-for-t.js';
export {
  type ChoiceReport,
  makeChoices,
  type OptionScore,
  type RecipeChoice,
  scoreTimes,
  type ValidateFn,
  type ValidateOptions,
  type ValidationScore,
} from './choose/choices.js';
export type { RaceReport } from './choose/race-choice.js';
export { type Correctness, fallZ, type Paired, paired, RACE_FIRST_IMAGES, RACE_Z, signFlipZ, type Verdict, verdict } from './choose/race.js';
export { type ImageArrays, type OutputMeansFn, referenceOutputMeans, toImageArrays } from './passes/output-means.js';
export { type Recording, referenceStagedMeans, type StagedMeansFn, type StagedResult, type StagedRun } from './passes/staged-means.js';
export { DEFAULT_BIAS_CORRECTION_SAMPLES, takeSamples } from './choose/take-samples.js';
