import * as tf from '@tensorflow/tfjs-core';
import { disposeState, execute, type Graph, type GraphState } from '@snn/graph';

/** Images as plain arrays, sample-major in the graph's input layout (NHWC): what a simulator's worker threads take. */
export interface ImageArrays {
  images: Float32Array;
  n: number;
  /** One sample's shape, batch excluded. */
  shape: readonly number[];
}

/**
 * The mean over images and steps of each element j of an SNN's output, the images as constant
 * input for `T` steps:  m_j = (1 / (n·T)) Σ_s Σ_{t ≤ T} out_t[s, j].
 * With `at` (steps ≤ T): the cumulative means up to each t ∈ `at` from the same run, one block of
 * the output's size per t, in order:  m_j(t) = (1 / (n·t)) Σ_s Σ_{t' ≤ t} out_{t'}[s, j].
 * Give the simulator's fast engine here (`@snn/simulator`'s `simulate` with its `outputMeans`
 * monitor); {@link referenceOutputMeans} is the step-by-step fallback.
 */
export type OutputMeansFn = (snn: Graph, data: ImageArrays, T: number, at?: number[]) => Promise<ArrayLike<number>>;

/** {@link OutputMeansFn} by `execute`, one step at a time, in batches of 100 (the reference semantics; slow). */
export const referenceOutputMeans: OutputMeansFn = async (snn, data, T, at = [T]) => {
  const size = data.shape.reduce((a, b) => a * b, 1);
  let sum: Float64Array | undefined;
  let per = 0;
  for (let i = 0; i < data.n; i += 100) {
    const m = Math.min(100, data.n - i);
    const x = tf.tensor(data.images.subarray(i * size, (i + m) * size), [m, ...data.shape]);
    let state: GraphState | undefined;
    for (let t = 0; t < T; t++) {
      const r = execute(snn, x, { state, step: t + 1 });
      disposeState(state);
      state = r.state;
      const v = (await r.outputs[0].data()) as Float32Array;
      tf.dispose(r.outputs);
      per = v.length / m;
      sum ??= new Float64Array(per * at.length);
      for (const [h, upTo] of at.entries()) if (t < upTo) for (let k = 0; k < v.length; k++) sum[h * per + (k % per)] += v[k];
    }
    disposeState(state);
    x.dispose();
  }
  return (sum ?? new Float64Array(0)).map((v, j) => v / (data.n * at[Math.floor(j / per)]));
};

/** Batches of images (tensors) read back into one {@link ImageArrays}. */
export async function toImageArrays(xs: tf.Tensor[]): Promise<ImageArrays> {
  const n = xs.reduce((a, x) => a + x.shape[0], 0);
  const shape = xs[0].shape.slice(1);
  const size = shape.reduce((a, b) => a * b, 1);
  const images = new Float32Array(n * size);
  let at = 0;
  for (const x of xs) {
    images.set((await x.data()) as Float32Array, at);
    at += x.size;
  }
  return { images, n, shape };
}
