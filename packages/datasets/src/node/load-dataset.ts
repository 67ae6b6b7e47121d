import type { Dataset } from '../types.js';
import { loadEmbeddedMnist } from './embedded-mnist.js';
import { loadIdxDirectory } from './idx-directory.js';

/** Where Debian's `dataset-fashion-mnist` package installs Fashion-MNIST. */
export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/**
 * Loads a dataset by name or directory: `'mnist'` is the embedded MNIST split
 * ({@link loadEmbeddedMnist}); `'fashion-mnist'` is Debian's `dataset-fashion-mnist`
 * (`/usr/share/datasets/fashion-mnist`); anything else is a directory of MNIST-named IDX files.
 *
 * @example const { test } = await loadDataset(process.argv[2] ?? 'mnist');
 */
export async function loadDataset(spec: 'mnist' | 'fashion-mnist' | (string & {})): Promise<Dataset> {
  if (spec === 'mnist') return loadEmbeddedMnist();
  if (spec === 'fashion-mnist') {
    return loadIdxDirectory(DEBIAN_FASHION_MNIST_DIR).catch((e: Error) => {
      throw new Error(`${e.message}\n'fashion-mnist' reads Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist), or pass a directory`);
    });
  }
  return loadIdxDirectory(spec);
}
