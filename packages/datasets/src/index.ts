// Browser-safe entry: no Node built-ins. The Node entry (node.ts) adds file and package loaders.
export type { Dataset, Gunzip, Split } from './types.js';
export { IdxFormatError } from './idx/error.js';
export { IDX_UBYTE, readIdxHeader, type IdxHeader } from './idx/header.js';
export { IDX3_IMAGES_MAGIC, parseIdxImages, type IdxImages } from './idx/images.js';
export { IDX1_LABELS_MAGIC, parseIdxLabels } from './idx/labels.js';
export { gunzipWeb, inflateIfGzip, isGzip } from './idx/gzip.js';
export { parseIdxSplit, type IdxSource } from './idx/split.js';
export { MNIST_FILES, type MnistFileKey } from './idx/files.js';
export { loadIdxFromUrl, type IdxUrlOptions } from './idx/from-url.js';
export { mulberry32 } from './random/mulberry32.js';
export { identityOrder, seededPermutation } from './random/permutation.js';
export { SPIKINGJELLY_ORDER_STRIDE, spikingJellyOrder } from './random/spikingjelly-order.js';
export type { BatchOptions } from './batch/options.js';
export { batchArrays, type ArrayBatch } from './batch/batch-arrays.js';
export { batches, type TensorBatch } from './batch/batches.js';
export { EMBEDDED_TRAIN_FRACTION, splitByDigit } from './embedded/split-digits.js';
export { decodeDigitSet, encodeDigitSet, type DigitSet } from './embedded/binary.js';
export { loadEmbeddedMnistBinary } from './embedded/from-binary.js';
