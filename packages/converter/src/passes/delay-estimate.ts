import { execute, getLayer, type Graph, type NodeSpec, nodeNeuronArrays } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import type { CalibrationData } from '../calibrate.js';

/** Steps a delayed readout keeps at least (SpikingJelly's `_MIN_READOUT_STEPS`). */
export const MIN_READOUT_STEPS = 4;

/** What {@link estimateReadoutDelay} found: the delay, the sum it was rounded from, and each spiking layer's share. */
export interface DelayEstimate {
  /** k: the readout ignores steps 1..k. */
  delay: number;
  /** Σ over layers of their steps, before rounding up and clamping. */
  steps: number;
  /** The T the delay was clamped for. */
  T: number;
  /** Images the probe read. */
  samples: number;
  layers: Array<{ node: string; steps: number }>;
}

/**
 * The SNN read as its clipped ANN — what its rates tend to as T → ∞: each spiking node by
 * y = a·clip(x/θ, 0, 1) per channel (a = θ for amplitude 'threshold': clip(x, 0, θ); a = 1 for
 * 'unit'), each SpikingMaxPool2d by the MaxPool2d of the same window (the rate a spiking max-pool
 * tends to). Returns the graph and the tensors made for it (the caller disposes `made`; the other
 * params are the SNN's).
 *
 * @example
 * const { probe, made } = clippedAnn(snn); const y = execute(probe, x).outputs[0]; tf.dispose(made);
 */
export function clippedAnn(snn: Graph): { probe: Graph; made: tf.Tensor[] } {
  const specs: NodeSpec[] = [];
  const made: tf.Tensor[] = [];
  for (const s of snn.toSpecs()) {
    const n = snn.node(s.name);
    if (n.op === 'SpikingMaxPool2d') {
      const { kernel, strides, pads } = n.attrs;
      specs.push({ name: n.name, op: 'MaxPool2d', inputs: s.inputs, attrs: { kernel, strides, pads } });
    } else if (getLayer(n.op).stateful) {
      const { theta, amp } = nodeNeuronArrays(n); // amp: θ for amplitude 'threshold', 1 for 'unit'
      const [a, b] = [`${n.name}/probe-in`, `${n.name}/probe-clip`];
      const [inv, scale] = [tf.tensor1d(theta.map((v) => 1 / v)), tf.tensor1d(amp)];
      made.push(inv, scale);
      specs.push({ name: a, op: 'Affine', inputs: s.inputs, params: { scale: inv } });
      specs.push({ name: b, op: 'Clip', inputs: [a], attrs: { min: 0, max: 1 } });
      specs.push({ name: n.name, op: 'Affine', inputs: [b], params: { scale } });
    } else specs.push(s);
  }
  try {
    return { probe: snn.with({ nodes: specs }), made };
  } catch (e) {
    tf.dispose(made);
    throw e;
  }
}

/** d = mean_c max(θ_c − V₀_c, 0) / a for one layer (θ and V₀ may each be one value or one per channel). */
function layerSteps(theta: Float32Array, v0: Float32Array, a: number): number {
  const C = Math.max(theta.length, v0.length);
  let need = 0;
  for (let c = 0; c < C; c++) need += Math.max(theta[theta.length > 1 ? c : 0] - v0[v0.length > 1 ? c : 0], 0);
  return a > 0 ? need / C / a : 0;
}

/**
 * SpikingJelly's `estimate_delay_start` (ann2snn, HEAD) for one of our SNNs: how many steps pass
 * before the network's output carries the input, from one probe forward of the clipped ANN on the
 * given images. Each spiking layer ℓ with thresholds θ_c and initial potentials V₀_c, reading the
 * current x (ANN units) in the probe, needs
 *
 *   d_ℓ = mean_c max(θ_c − V₀_c, 0) / a_ℓ,   a_ℓ = max_c mean_{images, positions} relu(x_c)  (θ per channel)
 *                                             a_ℓ = mean_{images, positions, c} relu(x_c)    (one θ per layer)
 *
 * steps for its mean input to charge a neuron from V₀ to θ (d_ℓ = 0 when a_ℓ = 0). The delay is
 * k = ⌈Σ_ℓ d_ℓ⌉, clamped for a run of T steps so that at least {@link MIN_READOUT_STEPS} are read:
 * k = max(T − 4, 0) when T < k + 4, else min(k, T − 1). SpikingJelly averages the ratio over the
 * batches it reads (one by default); here a_ℓ is over every image given (one batch of them is its
 * default). Pure: the graph is not changed; the probe's tensors are freed.
 *
 * @example
 * const { delay } = await estimateReadoutDelay(snn, batches, 8); // then snn.with({ readout: { delay } })
 */
export async function estimateReadoutDelay(snn: Graph, data: CalibrationData, T: number): Promise<DelayEstimate> {
  if (!(Number.isInteger(T) && T > 0)) throw new RangeError(`estimateReadoutDelay: T must be a positive integer, got ${T}`);
  const spiking = snn.nodes.filter((n) => getLayer(n.op).stateful && n.op !== 'SpikingMaxPool2d');
  const { probe, made } = clippedAnn(snn);
  const taps = [...new Set(spiking.map((n) => n.inputs[0]))];
  const sums = new Map<string, Float64Array>(); // per tapped current: Σ relu(x_c) over images and positions
  const perTap = new Map<string, number>(); // positions per image and channel
  let samples = 0;
  try {
    for await (const x of data as AsyncIterable<tf.Tensor>) {
      const r = execute(probe, x, { taps });
      try {
        for (const name of taps) {
          const t = r.taps[name];
          const C = t.shape[t.shape.length - 1];
          const sum = tf.tidy(() => tf.sum(tf.reshape(tf.relu(t), [-1, C]), 0));
          const s = sum.dataSync();
          sum.dispose();
          const acc = sums.get(name) ?? new Float64Array(C);
          for (let c = 0; c < C; c++) acc[c] += s[c];
          sums.set(name, acc);
          perTap.set(name, t.size / (t.shape[0] * C));
        }
      } finally {
        tf.dispose([...r.outputs, ...Object.values(r.taps)]);
      }
      samples += x.shape[0];
    }
  } finally {
    tf.dispose(made);
  }
  if (!samples) throw new RangeError('estimateReadoutDelay: the data yielded no image');
  const layers = spiking.map((n) => {
    const { theta, v0 } = nodeNeuronArrays(n);
    const acc = sums.get(n.inputs[0]) as Float64Array;
    const per = samples * (perTap.get(n.inputs[0]) as number);
    const means = Array.from(acc, (v) => v / per);
    const a = theta.length > 1 ? Math.max(...means) : means.reduce((p, q) => p + q, 0) / means.length;
    return { node: n.name, steps: layerSteps(theta, v0, a) };
  });
  const steps = layers.reduce((s, l) => s + l.steps, 0);
  const k = Math.ceil(steps);
  const delay = T < k + MIN_READOUT_STEPS ? Math.max(T - MIN_READOUT_STEPS, 0) : Math.min(k, T - 1);
  return { delay, steps, T, samples, layers };
}

/** Images the delay estimate probes when the recipe says `readoutDelay: 'estimate'` (SpikingJelly: one calibration batch). */
export const DELAY_ESTIMATE_SAMPLES = 256;

/** How the SNN's readout delay was set, in the conversion report. */
export interface ReadoutDelayReport {
  delay: number;
  /** `recipe`: the recipe's k; `estimate`: {@link estimateReadoutDelay}'s. */
  source: 'recipe' | 'estimate';
  estimate?: DelayEstimate;
}

/**
 * The recipe's `readoutDelay` on the SNN: k as given, or `'estimate'` = {@link estimateReadoutDelay}
 * on `data` for a run of `T` steps; returns the SNN with `readout.delay` = k (a new graph sharing
 * the params) and what was done.
 */
export async function applyReadoutDelay(
  snn: Graph,
  readoutDelay: number | 'estimate',
  data: () => CalibrationData,
  T: number,
): Promise<{ snn: Graph; report: ReadoutDelayReport }> {
  if (readoutDelay !== 'estimate') return { snn: snn.with({ readout: { delay: readoutDelay } }), report: { delay: readoutDelay, source: 'recipe' } };
  const estimate = await estimateReadoutDelay(snn, data(), T);
  return { snn: snn.with({ readout: { delay: estimate.delay } }), report: { delay: estimate.delay, source: 'estimate', estimate } };
}
