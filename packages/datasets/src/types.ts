/**
 * One split of an image classification set, kept as plain typed arrays (no tensors) so that
 * holding a whole split costs no tensor memory; {@link batches} turns slices into tensors.
 */
export interface Split {
  /** `n · H · W · C` pixels, sample-major, each sample row-major HWC (C = 1 for MNIST). */
  images: Float32Array;
  /** `n` class labels. */
  labels: Uint8Array;
  /** Number of samples. */
  n: number;
  /** Shape of one sample without the batch, NHWC order: `[28, 28, 1]` for MNIST. */
  shape: [number, number, number];
}

/** A dataset: the train and test splits. */
export interface Dataset {
  train: Split;
  test: Split;
}

/** Inflates gzip bytes. The default entry uses `DecompressionStream`; the Node entry uses zlib. */
export type Gunzip = (bytes: Uint8Array) => Promise<Uint8Array>;
