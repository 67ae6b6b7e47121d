import type { NormMode } from './normalization/index.js';
import type { Statistics } from './observers/observer.js';
import { MAX_POOL_RULES, type MaxPoolRecipe } from './passes/spiking-max-pool.js';

/** One automatic choice of a recipe: named options, each a change to the recipe; the first is the default. */
export interface RecipeChoice {
  /** What is chosen, e.g. `bias-correction`, `max-pool`. */
  name: string;
  options: Array<{ label: string; patch: Partial<Recipe> }>;
}

/**
 * Everything a conversion needs to know, as one typed object. `recipes.ts` names the useful ones;
 * `convert()` turns a recipe into its ordered list of passes.
 */
export interface Recipe {
  /** How each IF threshold θ is derived from the ReLU's calibration activations. */
  mode: NormMode;
  /** SpikingJelly's per-batch EMA (`spikingjelly`, momentum 0.1) or exact over the whole set. */
  statistics: Statistics;
  momentum?: number;
  /** One θ per channel (last axis) instead of per layer. */
  channelWise?: boolean;
  /** Initial membrane potential as a fraction of θ: 0 (the tutorial) or 0.5 (rounds instead of floors). */
  v0Fraction?: number;
  /** The last layer: IF neurons whose spikes are counted (the tutorial), or its input summed over t (`accumulate`). */
  outputLayer: 'if' | 'accumulate';
  /**
   * Sequential calibration with bias correction: layer by layer, activations are measured in a network
   * whose earlier layers already convey only what T-step IF neurons can, and each bias is shifted by the
   * mean difference to the ANN's pre-activation (Li et al. 2021's bias correction).
   */
  biasCorrection?: boolean;
  /**
   * Calibration reads at most the first this many images of the data (default: all). The statistics
   * are the same for every candidate of `choices`, so this is not an option of a choice.
   */
  calibrationSamples?: number;
  /**
   * Potential calibration with the bias correction (Li et al. 2021): each layer's error is split into a
   * persistent part per step, which the bias corrects, and a start-up charge, which goes into the V₀ of
   * the IF neurons it drives (a `v0` param per channel) and so fades as T grows; measured from the
   * cumulative means at `biasCorrectionT`/2 and `biasCorrectionT` of one run. The value k ∈ (0, 1] is
   * the share of the measured charge put into V₀ (0 or absent: off). Only with `biasCorrection`.
   */
  potentialCalibration?: number;
  /**
   * The bias correction's persistent shift a drives the IF neurons a layer reaches for the
   * `biasCorrectionT` steps it was measured over, instead of being added to the layer's bias: the
   * same network up to that step, after it a correction that fades (a·N/t), so that the large-T limit
   * is the uncorrected network's. Only with `biasCorrection`; a layer that reaches the accumulating
   * output keeps its shift as a bias.
   */
  fadeCorrection?: boolean;
  /** Calibration images the bias correction simulates (default 256). */
  biasCorrectionSamples?: number;
  /** Simulation length the thresholds/corrections are tuned for (used by `targetT` and bias correction). */
  targetT?: number;
  /** Steps the bias correction simulates to measure the SNN's mean (default `targetT`): a longer run measures the steady-state error, not the start-up transient. */
  biasCorrectionT?: number;
  /** The T at which `choices` are scored, averaged (default `[targetT]`); one validation run of max(scoreTs) steps scores them all. */
  scoreTs?: number[];
  /** Let an IF neuron emit up to this many spikes per step (multi-level spikes); 1 = plain spikes. */
  maxSpikes?: number;
  /**
   * Choices `convert` makes by scoring each option on validation data (`ConvertOptions.validate`),
   * in order; the first option of each is the default.
   */
  choices?: RecipeChoice[];
  /**
   * How MaxPool2d nodes behind spiking layers pool spikes (default {@link DEFAULT_MAX_POOL}); pools
   * on constant input always move ahead of their activation, where that is exact.
   */
  maxPool?: MaxPoolRecipe;
  /**
   * Delayed readout: the SNN's output is summed from step k + 1 (`graph.readout.delay` = k; the plain
   * sum for t ≤ k). A whole number k, or `'estimate'`: SpikingJelly's `estimate_delay_start` rule for
   * a run of `targetT` steps (`passes/delay-estimate.ts`). Absent: 0.
   */
  readoutDelay?: number | 'estimate';
}

/**
 * The max-pooling of recipes that name none: the rule with the best mean validation accuracy (T = 8, 16, 32)
 * over the three MaxPool fixtures — running-max 93.17 %, gate 93.06 %, pre-spike 91.00 % (docs/RESULTS.md,
 * `pnpm results --only maxpool`).
 */
export const DEFAULT_MAX_POOL: MaxPoolRecipe = { rule: 'running-max' };

/**
 * Does converting with `r` simulate SNNs (bias correction, choices scored on validation data, an
 * estimated readout delay), so that simulation threads are wanted before the conversion ends?
 */
export function recipeSimulates(r: Recipe): boolean {
  return Boolean(r.choices?.length) || r.biasCorrection === true || r.readoutDelay === 'estimate';
}

/** Checks a recipe's fields, naming the bad one. */
export function validateRecipe(r: Recipe): void {
  if (r.statistics !== 'spikingjelly' && r.statistics !== 'exact')
    throw new RangeError(`recipe.statistics must be 'spikingjelly' or 'exact', got '${r.statistics}'`);
  if (r.outputLayer !== 'if' && r.outputLayer !== 'accumulate') throw new RangeError(`recipe.outputLayer must be 'if' or 'accumulate', got '${r.outputLayer}'`);
  const f = r.v0Fraction ?? 0;
  if (!(f >= 0 && f < 1)) throw new RangeError(`recipe.v0Fraction must be in [0, 1), got ${f}`);
  const m = r.momentum ?? 0.1;
  if (!(m > 0 && m <= 1)) throw new RangeError(`recipe.momentum must be in (0, 1], got ${m}`);
  if (r.targetT !== undefined && !(Number.isInteger(r.targetT) && r.targetT > 0))
    throw new RangeError(`recipe.targetT must be a positive integer, got ${r.targetT}`);
  for (const [name, v] of [['biasCorrectionT', r.biasCorrectionT], ...(r.scoreTs ?? []).map((t, i) => [`scoreTs[${i}]`, t] as const)] as const)
    if (v !== undefined && !(Number.isInteger(v) && v > 0)) throw new RangeError(`recipe.${name} must be a positive integer, got ${v}`);
  const k = r.potentialCalibration ?? 0;
  if (!(k >= 0 && k <= 1)) throw new RangeError(`recipe.potentialCalibration must be in [0, 1], got ${k}`);
  if (r.potentialCalibration && r.biasCorrection && (r.biasCorrectionT ?? r.targetT ?? 16) < 2)
    throw new RangeError('recipe.potentialCalibration needs a bias correction over at least 2 steps (biasCorrectionT)');
  if (r.scoreTs !== undefined && !r.scoreTs.length) throw new RangeError('recipe.scoreTs must name at least one T');
  if (r.calibrationSamples !== undefined && !(Number.isInteger(r.calibrationSamples) && r.calibrationSamples > 0))
    throw new RangeError(`recipe.calibrationSamples must be a positive integer, got ${r.calibrationSamples}`);
  if (r.biasCorrectionSamples !== undefined && !(Number.isInteger(r.biasCorrectionSamples) && r.biasCorrectionSamples > 0))
    throw new RangeError(`recipe.biasCorrectionSamples must be a positive integer, got ${r.biasCorrectionSamples}`);
  if (r.maxSpikes !== undefined && !(Number.isInteger(r.maxSpikes) && r.maxSpikes >= 1))
    throw new RangeError(`recipe.maxSpikes must be an integer ≥ 1, got ${r.maxSpikes}`);
  const d = r.readoutDelay;
  if (d !== undefined && d !== 'estimate' && !(Number.isInteger(d) && d >= 0))
    throw new RangeError(`recipe.readoutDelay must be a whole number of steps >= 0 or 'estimate', got ${JSON.stringify(d)}`);
  if (r.maxPool !== undefined) {
    if (!MAX_POOL_RULES.includes(r.maxPool.rule))
      throw new RangeError(`recipe.maxPool.rule must be one of ${MAX_POOL_RULES.join(', ')}, got '${r.maxPool.rule}'`);
    const mom = r.maxPool.rule === 'gate' ? (r.maxPool.momentum ?? 1) : 1;
    if (!(mom > 0 && mom <= 1)) throw new RangeError(`recipe.maxPool.momentum must be in (0, 1], got ${mom}`);
  }
}
