import * as tf from '@tensorflow/tfjs-core';
import { execute, type Graph } from '@snn/graph';
import type { CalibrationData, ProgressFn } from '../calibrate.js';
import { timeVaryingNodes } from './move-maxpool.js';
import { type OutputMeansFn, referenceOutputMeans, toImageArrays } from './output-means.js';

export interface BiasCorrection {
  node: string;
  /** Mean |Δb| over channels. */
  meanAbsShift: number;
}

const CORRECTABLE = new Set(['Conv2d', 'Linear']);
/** Ops between a layer and the IF neurons it drives that keep its per-channel mean shift: y(x + b) = y(x) + b. */
const PASS_SHIFT = new Set(['MaxPool2d', 'SpikingMaxPool2d', 'AvgPool2d', 'Dropout', 'Identity', 'Flatten']);

/** A layer to correct, and where its mean is compared: the last node before the IF that still has its channels. */
export interface BiasTarget {
  node: string;
  probe: string;
}

/**
 * The Conv2d / Linear layers whose output reaches an IF neuron (or the accumulating graph output)
 * through single-reader pools, dropouts, identities and flattens, each with its probe: the last of
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
        out.push({ node: n.name, probe });
        break;
      }
      if (readers.length !== 1 || !PASS_SHIFT.has(readers[0].op)) break;
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
 * {@link referenceOutputMeans}). Pure: returns a new SNN graph.
 */
export async function correctBiases(
  ann: Graph,
  snn: Graph,
  data: CalibrationData,
  T: number,
  options: { samples?: number; onProgress?: ProgressFn; outputMeans?: OutputMeansFn } = {},
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
    for (const x of xs) {
      const { outputs, taps } = execute(ann, x, { taps: [...annMean.keys()] });
      for (const [probe, acc] of annMean) await addChannelMeans(acc, taps[probe], x.shape[0] / total);
      tf.dispose([...outputs, ...Object.values(taps)]);
    }
    const images = await toImageArrays(xs);
    const means = options.outputMeans ?? referenceOutputMeans;
    let g = snn;
    const corrections: BiasCorrection[] = [];
    for (const [k, target] of targets.entries()) {
      const C = channels(target);
      const perElement = await means(probeGraph(g, target.probe), images, T);
      const snnMean = new Float64Array(C);
      for (let j = 0; j < perElement.length; j++) snnMean[j % C] += perElement[j] / (perElement.length / C);
      const shift = (annMean.get(target.probe) as Float64Array).map((a, i) => a - snnMean[i]);
      const node = g.node(target.node);
      const bias = tf.tidy(() => tf.add(node.params.bias ?? tf.zeros([shift.length]), tf.tensor1d(Float32Array.from(shift))));
      g = g.with({ update: { [target.node]: { params: { ...node.params, bias } } } });
      corrections.push({ node: target.node, meanAbsShift: shift.reduce((a, v) => a + Math.abs(v), 0) / shift.length });
      options.onProgress?.({ stage: 'bias-correction', batch: k + 1, samples: total });
    }
    return { graph: g, corrections };
  } finally {
    tf.dispose(xs);
  }
}
