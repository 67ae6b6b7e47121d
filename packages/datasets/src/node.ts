// Node entry: everything in the browser entry plus loaders that read files.
export * from './index.js';
export { gunzipNode } from './node/gunzip.js';
export { loadIdxDirectory, readIdxSplit } from './node/idx-directory.js';
export { embeddedMnistDigitsDir, loadEmbeddedMnist, readEmbeddedMnistDigits } from './node/embedded-mnist.js';
export { DEBIAN_FASHION_MNIST_DIR, loadDataset } from './node/load-dataset.js';
export { decodeImage } from './node/decode-image.js';
export { IMAGE_EXTENSIONS, isImageFolder, readImageFolder, type ImageFolder } from './node/image-folder.js';
export { readNpyPairSplit, readNpzData, readNpzSplit } from './node/read-arrays.js';
export { loadData, SINGLE_SET_TEST_FRACTION, type DataOptions, type LoadedData } from './node/load-data.js';
