import * as tf from '@tensorflow/tfjs-core';
import { execute, type Graph, type GraphNode } from '@snn/graph';
import type { CalibrationData, ProgressFn } from '../calibrate.js';
import { timeVaryingNodes } from './move-maxpool.js';
import { type OutputMeansFn, referenceOutputMeans, toImageArrays } from './output-means.js';
import { channelMeans, meanAbs, splitError, withDriveShift, withV0Shift } from './potential.js';
import { stagedProbes } from './staged-probes.js';
import type { StagedMeansFn } from './staged-means.js';

export interface BiasCorrection {
  node: string;
  /** Mean |Δb| over channels. */
  meanAbsShift: number;
  /** Potential calibration: mean |ΔV₀| over channels of the IF neurons it drives (absent without `split`, or when no IF reads the probe). */
  meanAbsV0Shift?: number;
  /** With `fade`: the shift drives these IF neurons for this many steps instead of shifting the bias (absent when it is a bias). */
  drives?: { neurons: string[]; steps: number };
}

const CORRECTABLE = new Set(['Conv2d', 'Linear']);
/** Ops between a layer and the IF neurons it drives that keep its per-channel mean shift: y(x + b) = y(x) + b. */
const PASS_SHIFT = new Set(['MaxPool2d', 'SpikingMaxPool2d', 'AvgPool2d', 'Dropout', 'Identity', 'Flatten']);

/**
 * An Add passes a shift of one input through (y = a + (b + δ) = y + δ); of an Add's inputs only the
 * first that is a correctable layer is corrected through it, so that its error is not corrected twice.
 */
function shiftsAdd(snn: Graph, add: GraphNode, from: string): boolean {
  return add.op === 'Add' && add.inputs.find((i) => snn.has(i) && CORRECTABLE.has(snn.node(i).op)) === from;
}

/** A layer to correct, and where its mean is compared: the last node before the IF that still has its channels. */
export interface BiasTarget {
  node: string;
  probe: string;
  /** The IF neurons its output reaches (none when it reaches the accumulating graph output). */
  neurons: string[];
}

/**
 * The Conv2d / Linear layers whose output reaches an IF neuron (or the accumulating graph output)
 * through single-reader pools, dropouts, identities, flattens and residual Adds (the first
 * correctable input of each Add), each with its probe: the last of
 * those nodes before a Flatten (whose last axis is still the layer's channels).
 */
export function biasTargets(snn: Graph): BiasTarget[] {
  const out: BiasTarget[] = [];
  for (const n of snn.nodes) {
    if (!CORRECTABLE.has(n.op)) continue;
    let cur = n.name;
    let probe = n.name;
    let flat = false;
    for (;;) {
      const readers = snn.consumers(cur);
      if (snn.outputs.includes(cur) || (readers.length > 0 && readers.every((r) => r.op === 'IF'))) {
        out.push({ node: n.name, probe, neurons: snn.outputs.includes(cur) ? [] : readers.map((r) => r.name) });
        break;
      }
      if (readers.length !== 1 || !(PASS_SHIFT.has(readers[0].op) || shiftsAdd(snn, readers[0], cur))) break;
      cur = readers[0].name;
      flat ||= readers[0].op === 'Flatten';
      if (!flat) probe = cur;
    }
  }
  return out;
}

/**
 * The SNN cut at `probe`, its output pooled to one mean per channel (a GlobalAvgPool after an
 * image-shaped probe): the per-channel mean is all bias correction compares, and a small output keeps
 * the simulation's readout cheap (a 11×11×32 output per image and step costs more than the network).
 */
function probeGraph(g: Graph, probe: string): Graph {
  if (g.shapeOf(probe).length !== 3) return g.with({ outputs: [probe] });
  const name = `${probe}/bias-correction-mean`;
  return g.with({ add: [{ name, op: 'GlobalAvgPool', inputs: [probe], attrs: {}, params: {} }], outputs: [name] });
}

/** Per-channel (last axis) mean of a tensor, accumulated into `acc`. */
async function addChannelMeans(acc: Float64Array, t: tf.Tensor, weight: number): Promise<void> {
  const c = t.shape[t.shape.length - 1];
  const m = tf.tidy(() => tf.mean(tf.reshape(t, [-1, c]), 0));
  const v = await m.data();
  m.dispose();
  for (let i = 0; i < c; i++) acc[i] += v[i] * weight;
}

/**
 * Images per ANN run of bias correction's mean pass. Its images are a subset picked across the whole
 * calibration pass (the CLI's: 256 of 7,196, a few rows of each batch of 100), so they arrive as many
 * small batches; consecutive ones run together up to this many rows. A tiny batch pays every op's
 * fixed cost: the tutorial CNN's 256 images came in batches of a few rows (execute ≈ 0.11 s of the main
 * thread in a cpu-profile of `snn eval --mode auto`; ≈ 0.06 s grouped).
 */
const ANN_GROUP = 100;

/**
 * Consecutive runs of `xs` holding at most `rows` rows together (a batch larger than that alone), as
 * [first, end) index pairs. On the CPU backends (wasm, cpu) an image's ANN values do not depend on the
 * batch it runs in (each output's sum runs in the same order; bias-correction-groups.test.ts), so the
 * grouping changes no value there; a GPU backend may pick another matmul for another batch (split-K)
 * and round differently.
 */
export function batchGroups(xs: readonly tf.Tensor[], rows: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < xs.length; ) {
    let j = i + 1;
    let n = xs[i].shape[0];
    while (j < xs.length && n + xs[j].shape[0] <= rows) n += xs[j++].shape[0];
    out.push([i, j]);
    i = j;
  }
  return out;
}

async function takeBatches(data: CalibrationData, limit: number): Promise<tf.Tensor[]> {
  const out: tf.Tensor[] = [];
  let n = 0;
  for await (const x of data as AsyncIterable<tf.Tensor>) {
    if (n >= limit) break;
    out.push(tf.clone(x));
    n += x.shape[0];
  }
  return out;
}

/**
 * Bias correction, layer by layer (after Li et al. 2021). For each layer L (Conv2d / Linear) that
 * drives IF neurons or the accumulating output, directly or through pools, dropouts and flattens
 * ({@link biasTargets}), in topological order, compare the mean per channel at its probe P (L
 * itself, or the pool after it) in the ANN with the mean over T steps in the SNN whose earlier
 * layers are already corrected, and shift L's bias by the difference:
 *
 *   b_L ← b_L + E_x[ANN_P(x)] − E_x[(1/T) Σ_t SNN_P,t(x)]
 *
 * A max-pool passes a bias shift through unchanged (max(x + b) = max(x) + b), so correcting at P
 * also cancels what a spiking max-pool adds. This cancels the mean error that T-step quantisation
 * upstream pushes into L. Uses the first `samples` calibration images (default 256). The SNN means
 * come from `outputMeans` (give the simulator's fast engine; default: the step-by-step
 * {@link referenceOutputMeans}), or, given `stagedMeans`, from {@link stagedProbes}: each stage replays
 * what an earlier one recorded and simulates only the layers after it (the same means). Pure: returns a
 * new SNN graph.
 *
 * With `split` = t₁ < T (potential calibration, after Li et al. 2021): the error of the SNN's mean
 * up to t, e(t) = ANN_P − (1/t) Σ_{t' ≤ t} SNN_P,t', is split as e(t) ≈ a + c/t from the cumulative
 * means at t₁ and T of the same run — a persistent error per step and a start-up charge:
 *
 *   a = (T·e(T) − t₁·e(t₁)) / (T − t₁),   c = T·e(T) − a·T,   b_L ← b_L + a,   V₀ ← V₀ + k·c
 *
 * on the IF neurons that read P (one V₀ per channel, the `v0` param; k = `chargeFraction`, default 1). A bias corrects every step
 * alike, so it must only carry a; the charge c enters once, and its effect on the rate, c/(θ·T),
 * fades as T grows, as the transient it cancels does. Where no IF reads P (the accumulating
 * output) only a is applied.
 *
 * With `fade`, the shift (a, or the whole shift without `split`) is not added to b_L but drives the
 * IF neurons L reaches for the T steps it was measured over (their `drive` param, `driveSteps` = T):
 * X'_t = X_t + a·[t ≤ T]. Up to T the network is the same; after T the correction's effect on the
 * cumulative rate, a·T/t, fades, so the large-T limit stays the uncorrected one — which for IF
 * neurons and running-max pools is the clipped ANN's — instead of moving by a. Where L reaches the
 * accumulating output (no IF) the shift stays a bias.
 */
export async function correctBiases(
  ann: Graph,
  snn: Graph,
  data: CalibrationData,
  T: number,
  options: {
    samples?: number;
    onProgress?: ProgressFn;
    outputMeans?: OutputMeansFn;
    stagedMeans?: StagedMeansFn;
    split?: number;
    chargeFraction?: number;
    fade?: boolean;
  } = {},
): Promise<{ graph: Graph; corrections: BiasCorrection[] }> {
  // A probe with no IF upstream sees the same constant input in both networks: nothing to correct.
  const varying = timeVaryingNodes(ann);
  const targets = biasTargets(snn).filter((t) => ann.has(t.node) && varying.has(t.probe));
  if (!targets.length) return { graph: snn, corrections: [] };
  const xs = await takeBatches(data, options.samples ?? 256);
  try {
    const total = xs.reduce((a, x) => a + x.shape[0], 0);
    const channels = (t: BiasTarget) => snn.shapeOf(t.probe)[snn.shapeOf(t.probe).length - 1];
    const annMean = new Map(targets.map((t) => [t.probe, new Float64Array(channels(t))]));
    for (const [first, end] of batchGroups(xs, ANN_GROUP)) {
      const group = end - first > 1 ? tf.concat(xs.slice(first, end)) : xs[first];
      const { outputs, taps } = execute(ann, group, { taps: [...annMean.keys()] });
      // each batch's own rows of the taps: its means are the ones a run of that batch alone gives
      for (let k = first, row = 0; k < end; row += xs[k++].shape[0])
        for (const [probe, acc] of annMean) {
          const rows = tf.slice(taps[probe], row, xs[k].shape[0]);
          await addChannelMeans(acc, rows, xs[k].shape[0] / total);
          rows.dispose();
        }
      tf.dispose([...outputs, ...Object.values(taps)]);
      if (group !== xs[first]) group.dispose();
    }
    const images = await toImageArrays(xs);
    const means = options.outputMeans ?? referenceOutputMeans;
    let g = snn;
    const corrections: BiasCorrection[] = [];
    const split = options.split;
    if (split !== undefined && !(Number.isInteger(split) && split >= 1 && split < T))
      throw new RangeError(`bias correction: split must be a whole step in [1, ${T - 1}], got ${split}`);
    const at = split === undefined ? [T] : [split, T];
    const staged =
      options.stagedMeans &&
      stagedProbes(
        options.stagedMeans,
        (h, k) => probeGraph(h, targets[k].probe),
        targets.length,
        (k) => new Set(targets.slice(k).map((t) => t.node)),
        (k) => targets[k].node,
        images,
        T,
        at,
      );
    for (const [k, target] of targets.entries()) {
      const C = channels(target);
      const errors = channelMeans(await (staged ? staged(g, k) : means(probeGraph(g, target.probe), images, T, at)), C, at.length).map((m) =>
        (annMean.get(target.probe) as Float64Array).map((a, i) => a - m[i]),
      );
      const { shift, charge } =
        split === undefined ? { shift: errors[0], charge: undefined } : splitError(errors[0], split, errors[1], T, options.chargeFraction);
      const node = g.node(target.node);
      const readers = charge ? g.consumers(target.probe).filter((r) => r.op === 'IF') : [];
      const update: Record<string, { params: Record<string, tf.Tensor>; attrs?: Record<string, unknown> }> = {};
      for (const r of readers) update[r.name] = { params: withV0Shift(r, charge as Float64Array) };
      const drives = options.fade && target.neurons.length ? { neurons: target.neurons, steps: T } : undefined;
      if (drives)
        for (const name of target.neurons) {
          const r = g.node(name);
          update[name] = { params: withDriveShift(r, shift, update[name]?.params), attrs: { ...r.attrs, driveSteps: T } };
        }
      else {
        const bias = tf.tidy(() => tf.add(node.params.bias ?? tf.zeros([shift.length]), tf.tensor1d(Float32Array.from(shift))));
        update[target.node] = { params: { ...node.params, bias } };
      }
      g = g.with({ update });
      corrections.push({
        node: target.node,
        meanAbsShift: meanAbs(shift),
        ...(readers.length ? { meanAbsV0Shift: meanAbs(charge as Float64Array) } : {}),
        ...(drives ? { drives } : {}),
      });
      options.onProgress?.({ stage: 'bias-correction', batch: k + 1, samples: total });
    }
    return { graph: g, corrections };
  } finally {
    tf.dispose(xs);
  }
}
