import * as tf from '@tensorflow/tfjs-core';
import { disposeState, execute, type Graph, type GraphState } from '@snn/graph';
import type { ImageArrays } from './output-means.js';

/** A node's values at every step of a run, per image: `values[(s·T + t − 1)·size + i]` (sample-major). */
export interface Recording {
  /** The node recorded (the input of a graph cut there). */
  node: string;
  /** Steps recorded per image (a replay may run fewer). */
  T: number;
  /** Values per image and step. */
  size: number;
  values: Float32Array;
  /** Replayed as fl(v + shift_c), per channel (last axis): a layer's sums recorded before its bias, replayed with its bias now. */
  shift?: Float32Array;
}

/** What a staged run does besides the means: replay `from` as the graph's input, record the output's first `record` values. */
export interface StagedRun {
  /** A recording whose node is the graph's (one) input: each image gets at step t what was recorded for it at t. */
  from?: Recording;
  /** Record the first `record` values of the output at every step (returned as `recorded`); the means cover the rest. */
  record?: number;
  /**
   * Record node `tap`'s values at every step instead (returned as `recorded`; a stateless node that varies
   * in time, not the output): the means cover the whole output.
   */
  tap?: string;
}

/**
 * An SNN's cumulative output means, as {@link OutputMeansFn} (the images as constant input, or `o.from`
 * replayed as the input), of the output's values after the first `o.record`, which are recorded at
 * every step: `means` holds one block per t ∈ `at`, m_j(t) = (1 / (n·t)) Σ_s Σ_{t' ≤ t} out_{t'}[s, record + j];
 * `recorded.values[(s·T + t − 1)·record + i]` = out_t[s, i]. Staged bias correction hands a recording on
 * from one stage to the next, so that each simulates only the layers it has not seen. Give the
 * simulator's fast engine here (the CLI's `fastStagedMeans`); {@link referenceStagedMeans} is the
 * step-by-step fallback.
 */
export type StagedMeansFn = (snn: Graph, data: ImageArrays, T: number, at: number[], o: StagedRun) => Promise<StagedResult>;

/** A staged run's means, and its record (`values` of `T` steps per image, T ≥ the run's) when one was asked for. */
export interface StagedResult {
  means: ArrayLike<number>;
  recorded?: { values: Float32Array; T: number };
}

/** The recorded input of images [i, i + m) at step t (0-based), as a batch. */
function replayed(r: Recording, shape: readonly number[], i: number, m: number, t: number): tf.Tensor {
  const x = new Float32Array(m * r.size);
  for (let b = 0; b < m; b++) x.set(r.values.subarray(((i + b) * r.T + t) * r.size, ((i + b) * r.T + t + 1) * r.size), b * r.size);
  const shift = r.shift;
  return shift ? tf.tidy(() => tf.add(tf.tensor(x, [m, ...shape]), tf.tensor1d(shift))) : tf.tensor(x, [m, ...shape]);
}

/** {@link StagedMeansFn} by `execute`, one step at a time, in batches of 100 (the reference semantics; slow). */
export const referenceStagedMeans: StagedMeansFn = async (snn, data, T, at, o) => {
  const k = o.tap ? 0 : (o.record ?? 0);
  const shape = snn.inputs[0].shape;
  const tapSize = o.tap ? snn.shapeOf(o.tap).reduce((a, b) => a * b, 1) : 0;
  const tapped = o.tap ? new Float32Array(data.n * T * tapSize) : undefined;
  const recorded = k ? new Float32Array(data.n * T * k) : tapped;
  const size = data.shape.reduce((a, b) => a * b, 1);
  let sum: Float64Array | undefined;
  let rest = 0;
  for (let i = 0; i < data.n; i += 100) {
    const m = Math.min(100, data.n - i);
    const image = o.from ? undefined : tf.tensor(data.images.subarray(i * size, (i + m) * size), [m, ...data.shape]);
    let state: GraphState | undefined;
    for (let t = 0; t < T; t++) {
      const x = image ?? replayed(o.from as Recording, shape, i, m, t);
      const r = execute(snn, x, { state, step: t + 1, ...(o.tap ? { taps: [o.tap] } : {}) });
      if (x !== image) x.dispose();
      disposeState(state);
      state = r.state;
      if (o.tap) {
        const v = (await r.taps[o.tap].data()) as Float32Array;
        r.taps[o.tap].dispose();
        for (let b = 0; b < m; b++) tapped?.set(v.subarray(b * tapSize, (b + 1) * tapSize), ((i + b) * T + t) * tapSize);
      }
      const v = (await r.outputs[0].data()) as Float32Array;
      tf.dispose(r.outputs);
      const per = v.length / m;
      rest = per - k;
      sum ??= new Float64Array(rest * at.length);
      if (k) for (let b = 0; b < m; b++) recorded?.set(v.subarray(b * per, b * per + k), ((i + b) * T + t) * k);
      for (const [h, upTo] of at.entries()) if (t < upTo) for (let q = 0; q < v.length; q++) if (q % per >= k) sum[h * rest + (q % per) - k] += v[q];
    }
    disposeState(state);
    image?.dispose();
  }
  const means = (sum ?? new Float64Array(0)).map((v, j) => v / (data.n * at[Math.floor(j / rest)]));
  return { means, recorded: recorded && { values: recorded, T } };
};
