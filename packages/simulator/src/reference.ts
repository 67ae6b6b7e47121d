import * as tf from '@tensorflow/tfjs-core';
import { disposeState, execute, type Graph, type GraphState } from '@snn/graph';
import { AccuracyTracker } from './accuracy.js';
import type { LabeledData, SimProgress, SimulationResult } from './types.js';

/** Options of {@link simulateReference}. */
export interface SimulateOptions {
  /** Number of time steps. */
  T: number;
  /** Called after each batch with the samples done so far. */
  onProgress?: (p: SimProgress) => void;
  /** Steps at which every sample's predicted class is kept (the result's `predictions`, sample-major as the `predictions` monitor's). */
  predictAt?: readonly number[];
}

/**
 * The step-by-step reference simulator: each batch runs T steps of `execute()` with the image as
 * constant (analog) input, the graph output is summed over steps, and the class is its argmax:
 *
 *   ŷ_t = argmax_k Σ_{τ ≤ t} out_τ[k]      accuracy(t) = mean(ŷ_t = y)     for every t = 1..T
 *
 * With a delayed readout (`snn.readout.delay` = k > 0) the sum restarts at step k + 1: from there
 * ŷ_t = argmax_k Σ_{k < τ ≤ t} out_τ[k] (the engines' `addReadoutStep`). Slow and plain on purpose: the fast paths are tested against it. Memory: one batch's membrane
 * state and running sum at a time (tensor count flat across batches and steps).
 */
export async function simulateReference(snn: Graph, data: LabeledData, opts: SimulateOptions): Promise<SimulationResult & { predictions?: number[] }> {
  const { T } = opts;
  if (!(Number.isInteger(T) && T > 0)) throw new RangeError(`T must be a positive integer, got ${T}`);
  const t0 = performance.now();
  const tracker = new AccuracyTracker(T);
  let classes = 0;
  let batch = 0;
  let samples = 0;
  const delay = snn.readout?.delay ?? 0;
  const at = opts.predictAt ?? [];
  const predictions: number[] = [];
  for await (const { x, y } of data as AsyncIterable<{ x: tf.Tensor; y: ArrayLike<number> }>) {
    let state: GraphState | undefined;
    let sum: tf.Tensor | undefined;
    for (let t = 1; t <= T; t++) {
      const r = execute(snn, x, { state, step: t });
      disposeState(state);
      state = r.state;
      const out = r.outputs[0];
      const next = sum && !(delay > 0 && t === delay + 1) ? tf.add(sum, out) : tf.clone(out); // restart at k + 1
      tf.dispose([sum, ...r.outputs]);
      sum = next;
      classes = sum.shape[sum.shape.length - 1];
      const pred = tf.tidy(() => tf.argMax(tf.reshape(sum as tf.Tensor, [x.shape[0], -1]), 1));
      const p = await pred.data();
      tracker.record(t, p, y);
      pred.dispose();
      at.forEach((s, h) => {
        if (s === t) for (let b = 0; b < p.length; b++) predictions[(samples + b) * at.length + h] = p[b];
      });
    }
    disposeState(state);
    sum?.dispose();
    samples += x.shape[0];
    opts.onProgress?.({ stage: 'simulate', batch: ++batch, samples });
  }
  const n = tracker.n;
  if (n === 0) throw new Error('simulation data yielded no batch');
  return {
    accuracy: tracker.correct.map((c) => c / n),
    correct: tracker.correct,
    n,
    T,
    confusion: tracker.matrix(classes),
    seconds: (performance.now() - t0) / 1000,
    ...(at.length ? { predictions } : {}),
  };
}
