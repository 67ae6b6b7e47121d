import type * as tf from '@tensorflow/tfjs-core';

/** A labelled batch: images in the graph's input layout (NHWC) and their class labels. The caller owns `x`. */
export interface LabeledBatch {
  x: tf.Tensor;
  y: ArrayLike<number>;
}

export type LabeledData = Iterable<LabeledBatch> | AsyncIterable<LabeledBatch>;

/** Progress after each batch. */
export interface SimProgress {
  stage: 'simulate';
  batch: number;
  samples: number;
}

/** Accuracy of a simulation at every time step, from one run. */
export interface SimulationResult {
  /** `accuracy[t − 1]`: fraction correct when outputs summed over steps 1..t decide, t = 1..T. */
  accuracy: number[];
  /** `correct[t − 1]`: how many of `n` were right at t. */
  correct: number[];
  n: number;
  T: number;
  /** Confusion matrix at the final T: `confusion[label][prediction]`. */
  confusion: number[][];
  seconds: number;
}
