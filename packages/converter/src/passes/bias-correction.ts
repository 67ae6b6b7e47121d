import * as tf from '@tensorflow/tfjs-core';
import { disposeState, execute, type Graph, type GraphState } from '@snn/graph';
import type { CalibrationData, ProgressFn } from '../calibrate.js';

export interface BiasCorrection {
  node: string;
  /** Mean |Δb| over channels. */
  meanAbsShift: number;
}

const CORRECTABLE = new Set(['Conv2d', 'Linear']);

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
 * feeds an IF node or the accumulating output, in topological order, compare its mean output per
 * channel in the ANN with the mean over T steps in the SNN whose earlier layers are already
 * corrected, and shift the bias by the difference:
 *
 *   b_L ← b_L + E_x[ANN_L(x)] − E_x[(1/T) Σ_t SNN_L,t(x)]
 *
 * This cancels the mean error that T-step quantisation upstream pushes into L. Uses the first
 * `samples` calibration images (default 256). Pure: returns a new SNN graph.
 */
export async function correctBiases(
  ann: Graph,
  snn: Graph,
  data: CalibrationData,
  T: number,
  options: { samples?: number; onProgress?: ProgressFn } = {},
): Promise<{ graph: Graph; corrections: BiasCorrection[] }> {
  const targets = snn.nodes.filter(
    (n) => CORRECTABLE.has(n.op) && (snn.outputs.includes(n.name) || snn.consumers(n.name).some((c) => c.op === 'IF')) && ann.has(n.name),
  );
  if (!targets.length) return { graph: snn, corrections: [] };
  const xs = await takeBatches(data, options.samples ?? 256);
  try {
    const total = xs.reduce((a, x) => a + x.shape[0], 0);
    const annMean = new Map(targets.map((n) => [n.name, new Float64Array(n.shape[n.shape.length - 1])]));
    for (const x of xs) {
      const { outputs, taps } = execute(ann, x, { taps: targets.map((n) => n.name) });
      for (const n of targets) await addChannelMeans(annMean.get(n.name)!, taps[n.name], x.shape[0] / total);
      tf.dispose([...outputs, ...Object.values(taps)]);
    }
    let g = snn;
    const corrections: BiasCorrection[] = [];
    for (const [k, target] of targets.entries()) {
      const sub = g.with({ outputs: [target.name] });
      const snnMean = new Float64Array(target.shape[target.shape.length - 1]);
      for (const x of xs) {
        let state: GraphState | undefined;
        for (let t = 0; t < T; t++) {
          const r = execute(sub, x, { state });
          disposeState(state);
          state = r.state;
          await addChannelMeans(snnMean, r.outputs[0], x.shape[0] / total / T);
          tf.dispose(r.outputs);
        }
        disposeState(state);
      }
      const shift = annMean.get(target.name)!.map((a, i) => a - snnMean[i]);
      const node = g.node(target.name);
      const bias = tf.tidy(() => tf.add(node.params.bias ?? tf.zeros([shift.length]), tf.tensor1d(Float32Array.from(shift))));
      g = g.with({ update: { [target.name]: { params: { ...node.params, bias } } } });
      corrections.push({ node: target.name, meanAbsShift: shift.reduce((a, v) => a + Math.abs(v), 0) / shift.length });
      options.onProgress?.({ stage: 'bias-correction', batch: k + 1, samples: total });
    }
    return { graph: g, corrections };
  } finally {
    tf.dispose(xs);
  }
}
