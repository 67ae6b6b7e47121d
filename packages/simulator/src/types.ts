import type * as tf from '@tensorflow/tfjs-core';

/** A labelled batch: images in the graph's input layout (NHWC) and their class labels. The caller owns `x`. */
export interface LabeledBatch {
  x: tf.Tensor;
  y: ArrayLike<number>;
}

/** Labelled batches, sync or async: what the simulators iterate (once). */
export type LabeledData = Iterable<LabeledBatch> | AsyncIterable<LabeledBatch>;

/**
 * A whole labelled set as plain arrays (like `@snn/datasets`' `Split`): no tensors, so it can be
 * sliced into batches and sent to worker threads. `images` holds `n · ∏shape` values, sample-major,
 * each sample in the graph's input layout (NHWC).
 */
export interface ArraySource {
  images: Float32Array;
  labels: ArrayLike<number>;
  n: number;
  /** One sample's shape, without the batch (`[28, 28, 1]`). */
  shape: readonly number[];
}

/** What {@link simulate} accepts: tensor batches (any iterable) or a plain-array set. */
export type SimulationData = LabeledData | ArraySource;

/** Which execution path ran a simulation. */
export type SimPath = 'reference' | 'chunked' | 'chunked+workers' | 'gpu';

/** Progress after each batch. */
export interface SimProgress {
  stage: 'simulate';
  /** Batches finished so far (with worker threads: pieces of at most 40 samples). */
  batch: number;
  /** Samples finished so far. */
  samples: number;
  /** Samples in all, when the data says (an {@link ArraySource}, or `total` in the options). */
  total?: number;
  /** Seconds since the simulation started. */
  seconds?: number;
}

/** Accuracy of a simulation at every time step, from one run. */
export interface SimulationResult {
  /** `accuracy[t − 1]`: fraction correct when outputs summed over steps 1..t decide, t = 1..T (from step k + 1 once t > k for a graph whose `readout.delay` is k). */
  accuracy: number[];
  /** `correct[t − 1]`: how many of `n` were right at t. */
  correct: number[];
  n: number;
  T: number;
  /** Confusion matrix at the final T: `confusion[label][prediction]`. */
  confusion: number[][];
  seconds: number;
  /** Which execution path ran (absent from results of older callers' own simulators). */
  path?: SimPath;
  /** Worker threads used (1: the calling thread). */
  workers?: number;
  /** Each monitor's result, by the monitor's name. */
  monitors?: Record<string, unknown>;
}
