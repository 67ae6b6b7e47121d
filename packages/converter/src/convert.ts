import type { Graph } from '@snn/graph';
import { type CalibrationCache, type CalibrationData, calibrate, observerOptions, type ProgressFn } from './calibrate.js';
import { type BiasCorrection, correctBiases } from './passes/bias-correction.js';
import { type FoldedBatchNorm, foldBatchNorm } from './passes/fold-batchnorm.js';
import { type DroppedSoftmax, dropSoftmax } from './passes/drop-softmax.js';
import { moveMaxPoolBeforeActivation } from './passes/move-maxpool.js';
import { planSpikingPools, replaceMaxPools, type SpikingPool } from './passes/spiking-max-pool.js';
import { isConvertibleActivation, LINEAR_OPS, replaceActivations } from './passes/replace-activations.js';
import { type ChoiceReport, makeChoices, type ValidateFn, type ValidateOptions } from './choose/choices.js';
import { type OutputMeansFn, referenceOutputMeans } from './passes/output-means.js';
import { onOutputCone } from './choose/output-cone.js';
import { sharedOutputMeans } from './choose/shared-means.js';
import type { StagedMeansFn } from './passes/staged-means.js';
import { sharedStagedMeans } from './passes/staged-memo.js';
import { DEFAULT_BIAS_CORRECTION_SAMPLES, takeSamples } from './choose/take-samples.js';
import { applyReadoutDelay, DELAY_ESTIMATE_SAMPLES, type ReadoutDelayReport } from './passes/delay-estimate.js';
import { DEFAULT_MAX_POOL, type Recipe, validateRecipe } from './recipe.js';

import { ConversionError } from './errors.js';

export { ConversionError };

/** One IF layer of the SNN: the activation it replaced, its threshold θ and where θ came from. */
export interface LayerReport {
  node: string;
  op: string;
  /** θ: one value, or per-channel summary. */
  threshold: number | { channels: number; min: number; mean: number; max: number };
  source: 'calibration' | 'clip' | 'qcfs';
}

/** What {@link convert} did, for people and for tools (JSON-serialisable). */
export interface ConversionReport {
  recipe: Recipe;
  /** Softmax / LogSoftmax at the output, removed: the spiking readout ranks the logits the same. */
  droppedSoftmax: DroppedSoftmax[];
  foldedBatchNorms: FoldedBatchNorm[];
  /** MaxPool2d nodes moved ahead of their activation (pre-spike pooling). */
  movedMaxPools: string[];
  /** MaxPool2d nodes that pool spikes, each run by a SpikingMaxPool2d. */
  spikingMaxPools: SpikingPool[];
  biasCorrections: BiasCorrection[];
  layers: LayerReport[];
  outputLayer: { mode: 'if' | 'accumulate'; node: string };
  calibration: { samples: number; seconds: number };
  /** How the recipe's automatic choices were made (absent when it has none). */
  choices?: ChoiceReport[];
  /** The delayed readout `recipe.readoutDelay` set (absent when it names none). */
  readoutDelay?: ReadoutDelayReport;
}

/** Hooks of one {@link convert} call (the recipe says what to do; these say how to report and score). */
export interface ConvertOptions {
  /** Called as calibration batches are observed. */
  onProgress?: ProgressFn;
  /** Scores the candidates of the recipe's automatic choices (`recipe.choices`) on validation data; without it each choice takes its first option. */
  validate?: ValidateFn;
  /**
   * Runs SNNs for bias correction: the simulator's fast engine (`@snn/simulator`'s `simulate` with
   * its `outputMeans` monitor, as the CLI gives); without it, the step-by-step reference.
   */
  outputMeans?: OutputMeansFn;
  /**
   * Runs bias correction stage by stage instead (each stage replays what an earlier one recorded and
   * simulates only the layers after it; the same corrections): the simulator's fast engine, as the CLI's
   * `fastStagedMeans` gives. Takes precedence over `outputMeans`.
   */
  stagedMeans?: StagedMeansFn;
  /** Calibration statistics shared between conversions of this ANN on this data (`convert` makes one for a recipe's choices). */
  calibrationCache?: CalibrationCache;
  /** Measure the pick's spikes and SOPs per image for the report's choices (default true; false skips that run). */
  costs?: boolean;
}

/**
 * ANN → SNN: the recipe's passes in order —
 * drop the output Softmax → validate → fold BatchNorm → move MaxPool ahead of ReLU where exact (constant
 * input) → calibrate (observers on each ReLU) → thresholds → replace ReLU / Clip(0, λ) / QCFS by IF neurons
 * (θ = λ for Clip and QCFS, no calibration; V₀ = θ/2 for QCFS) → every other MaxPool by a SpikingMaxPool2d
 * (`recipe.maxPool`) → bias correction → readout delay (`recipe.readoutDelay`: k, or estimated).
 *
 * `data` yields calibration batches (NHWC); give a function to let passes walk it more than once.
 * The input graph is not modified; the SNN shares its untouched tensors.
 */
export async function convert(
  ann: Graph,
  data: CalibrationData | (() => CalibrationData),
  recipe: Recipe,
  options: ConvertOptions = {},
): Promise<{ snn: Graph; report: ConversionReport }> {
  if (recipe.choices?.length) {
    const score =
      options.validate &&
      ((r: Converted, T: number, o?: ValidateOptions) => (options.validate as ValidateFn)(r.snn, T, r.undelayed ? { ...o, undelayed: r.undelayed } : o));
    if (score && typeof data !== 'function') throw new RangeError('convert: a recipe with choices walks the data once per option; pass data as a function');
    // the candidates share the calibration statistics and any bias-correction stage they have in common (same numbers)
    const inner = {
      ...options,
      calibrationCache: options.calibrationCache ?? new Map(),
      outputMeans: sharedOutputMeans(options.outputMeans ?? referenceOutputMeans),
      stagedMeans: options.stagedMeans && sharedStagedMeans(options.stagedMeans),
    };
    // one calibration pass first (every candidate reads its statistics from the cache), then the candidates of a choice build at once
    if (score) await convert(ann, data, { ...recipe, choices: undefined, biasCorrection: false }, inner);
    // the readout delay is applied after everything else (bias correction included): candidates that differ only in it share one build
    const undelayed: Undelayed = new Map();
    const { result, choices } = await makeChoices(recipe, (r) => convertOne(ann, data, r, inner, undelayed), score, {
      onProgress: options.onProgress,
      concurrent: score !== undefined,
      costs: options.costs,
    });
    return { snn: result.snn, report: { ...result.report, choices } };
  }
  const { snn, report } = await convertOne(ann, data, recipe, options);
  return { snn, report };
}

/** SNNs converted before their readout delay, by their recipe less `readoutDelay` (JSON): what {@link convertOne} shares. */
type Undelayed = Map<string, Promise<{ snn: Graph; report: ConversionReport }>>;

/** A conversion of {@link convertOne}, with the SNN before its readout delay when it has one (what a scorer may reuse). */
type Converted = { snn: Graph; report: ConversionReport; undelayed?: Graph };

/**
 * One recipe without choices: {@link convertUndelayed}, then the readout delay (`recipe.readoutDelay`). The delay
 * changes only how the output is read (from step k + 1), after every other pass, so recipes that differ only in it
 * convert to the same SNN before it: with `undelayed`, that SNN is built once (the same corrections) and each delay
 * is applied to it.
 */
async function convertOne(
  ann: Graph,
  data: CalibrationData | (() => CalibrationData),
  recipe: Recipe,
  options: ConvertOptions,
  undelayed?: Undelayed,
): Promise<Converted> {
  validateRecipe(recipe);
  const { readoutDelay: delay, ...rest } = recipe;
  const key = JSON.stringify(rest);
  let built = undelayed?.get(key);
  if (!built) {
    built = convertUndelayed(ann, data, rest, options);
    undelayed?.set(key, built);
  }
  const base = await built;
  if (delay === undefined) return { snn: base.snn, report: { ...base.report, recipe } };
  const probe = () => takeSamples(typeof data === 'function' ? data() : data, DELAY_ESTIMATE_SAMPLES, options.calibrationCache?.pick?.(DELAY_ESTIMATE_SAMPLES));
  const { snn, report: readoutDelay } = await applyReadoutDelay(base.snn, delay, probe, recipe.targetT ?? 16);
  return { snn, report: { ...base.report, recipe, readoutDelay }, ...(snn !== base.snn ? { undelayed: base.snn } : {}) };
}

/** {@link convert}'s passes up to the readout delay, for a recipe without choices (and without `readoutDelay`). */
async function convertUndelayed(
  ann: Graph,
  data: CalibrationData | (() => CalibrationData),
  recipe: Recipe,
  options: ConvertOptions,
): Promise<{ snn: Graph; report: ConversionReport }> {
  const soft = dropSoftmax(ann);
  checkConvertible(soft.graph);
  const folded = foldBatchNorm(soft.graph);
  const maxPool = recipe.maxPool ?? DEFAULT_MAX_POOL;
  const pooled = moveMaxPoolBeforeActivation(folded.graph, { inexact: maxPool.rule === 'pre-spike' });
  const g = pooled.graph;
  const spikingPools = planSpikingPools(g, maxPool, pooled.moved);

  const outName = g.outputs[0];
  const outNode = g.has(outName) ? g.node(outName) : undefined;
  const outputIsActivation = outNode !== undefined && isConvertibleActivation(outNode);
  const drop = recipe.outputLayer === 'accumulate' && outputIsActivation ? [outName] : [];

  const acts = g.nodes.filter((n) => isConvertibleActivation(n) && !drop.includes(n.name));
  const clipped = acts.filter((n) => n.op === 'Clip');
  const relus = acts.filter((n) => n.op === 'ReLU').map((n) => n.name);

  const t0 = performance.now();
  let samples = 0;
  const progress: ProgressFn = (e) => {
    samples = e.samples;
    options.onProgress?.(e);
  };
  const source = typeof data === 'function' ? data() : data; // calibrate reads its first recipe.calibrationSamples (observerOptions)
  const thresholds = relus.length
    ? await calibrate(g, source, relus, observerOptions(recipe), progress, options.calibrationCache)
    : new Map<string, number[]>();
  for (const c of clipped) thresholds.set(c.name, [Number(c.attrs.max)]);
  for (const q of acts.filter((n) => n.op === 'QCFS')) thresholds.set(q.name, Array.from(q.params.lambda.dataSync())); // θ = λ
  for (const [name, th] of thresholds) {
    const bad = th.findIndex((v) => !(v > 0 && Number.isFinite(v)));
    // A channel (or layer) that never activated on the calibration data: any θ conveys its zeros.
    if (bad >= 0)
      thresholds.set(
        name,
        th.map((v) => (v > 0 && Number.isFinite(v) ? v : 1)),
      );
  }

  let snn = replaceMaxPools(replaceActivations(g, { thresholds, v0Fraction: recipe.v0Fraction ?? 0, maxSpikes: recipe.maxSpikes ?? 1, drop }), spikingPools);
  let biasCorrections: BiasCorrection[] = [];
  if (recipe.biasCorrection) {
    const samples = recipe.biasCorrectionSamples ?? DEFAULT_BIAS_CORRECTION_SAMPLES;
    const again = takeSamples(typeof data === 'function' ? data() : data, samples, options.calibrationCache?.pick?.(samples)); // the cache's pick: a stratified subset
    const T = recipe.biasCorrectionT ?? recipe.targetT ?? 16;
    const charge = recipe.potentialCalibration;
    const split = charge ? Math.max(1, Math.round(T / 2)) : undefined;
    const corrected = await correctBiases(g, snn, again, T, {
      samples,
      onProgress: options.onProgress,
      outputMeans: onOutputCone(options.outputMeans ?? referenceOutputMeans),
      stagedMeans: options.stagedMeans,
      split,
      chargeFraction: charge,
      fade: recipe.fadeCorrection,
    });
    snn = corrected.graph;
    biasCorrections = corrected.corrections;
  }
  const report: ConversionReport = {
    recipe,
    droppedSoftmax: soft.dropped,
    foldedBatchNorms: folded.folded,
    movedMaxPools: pooled.moved,
    spikingMaxPools: spikingPools,
    biasCorrections,
    layers: acts.map((n) => ({
      node: n.name,
      op: n.op,
      threshold: summarise(thresholds.get(n.name)!),
      source: n.op === 'Clip' ? 'clip' : n.op === 'QCFS' ? 'qcfs' : 'calibration',
    })),
    outputLayer: { mode: drop.length || !outputIsActivation ? 'accumulate' : 'if', node: drop.length ? g.node(outName).inputs[0] : outName },
    calibration: { samples, seconds: (performance.now() - t0) / 1000 },
  };
  return { snn, report };
}

function summarise(th: number[]): LayerReport['threshold'] {
  if (th.length === 1) return th[0];
  const sum = th.reduce((a, b) => a + b, 0);
  return { channels: th.length, min: Math.min(...th), mean: sum / th.length, max: Math.max(...th) };
}

/** Refuses, all at once, every node whose op a rate-coded SNN cannot express. */
function checkConvertible(g: Graph): void {
  const bad = g.nodes.filter((n) => !(LINEAR_OPS.has(n.op) || isConvertibleActivation(n) || n.op === 'ReLU'));
  if (bad.length)
    throw new ConversionError(
      `cannot convert ${bad.map((n) => `node '${n.name}' (${n.op}${n.op === 'Clip' ? ` min=${n.attrs.min} max=${n.attrs.max}` : ''})`).join(', ')}: only ReLU, QCFS and Clip(0, λ) activations become IF neurons (other ops run only as an ANN: execute(), snn infer)`,
      bad[0].name,
      bad[0].op,
    );
}
