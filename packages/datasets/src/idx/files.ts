/** The MNIST file names (without `.gz`); Fashion-MNIST and other IDX sets reuse them. */
export const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/** One of the four files of an MNIST-layout set: `trainImages`, `trainLabels`, `testImages`, `testLabels`. */
export type MnistFileKey = keyof typeof MNIST_FILES;
