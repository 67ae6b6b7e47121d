import { access, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MNIST_FILES } from '../idx/files.js';
import { parseIdxSplit } from '../idx/split.js';
import type { Dataset, Split } from '../types.js';
import { gunzipNode } from './gunzip.js';

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

/** Path of `name` or `name.gz` in `dir` (the plain file wins), or null. */
async function locate(dir: string, name: string): Promise<string | null> {
  for (const candidate of [join(dir, name), join(dir, `${name}.gz`)]) if (await exists(candidate)) return candidate;
  return null;
}

/** Reads one idx3 image file and one idx1 label file (each gzipped or not) into a {@link Split}. */
export async function readIdxSplit(imagesPath: string, labelsPath: string): Promise<Split> {
  const [images, labels] = await Promise.all([readFile(imagesPath), readFile(labelsPath)]);
  return parseIdxSplit({ bytes: images, file: imagesPath }, { bytes: labels, file: labelsPath }, gunzipNode);
}

/**
 * Loads a directory holding the four MNIST-named IDX files (`train-images-idx3-ubyte`,
 * `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`, each optionally
 * `.gz`) — MNIST, Fashion-MNIST or any set in that layout. Pixels are byte / 255.
 *
 * @throws Error listing the missing files; IdxFormatError naming a malformed file and its fault
 * @example const { train, test } = await loadIdxDirectory('/usr/share/datasets/fashion-mnist'); // 60000, 10000
 */
export async function loadIdxDirectory(dir: string): Promise<Dataset> {
  const st = await stat(dir).catch(() => null);
  if (!st?.isDirectory()) throw new Error(`${dir}: not a directory (expected one holding the MNIST-named IDX files)`);
  const names = Object.values(MNIST_FILES);
  const paths = await Promise.all(names.map((n) => locate(dir, n)));
  const missing = names.filter((_, i) => paths[i] === null);
  if (missing.length) throw new Error(`${dir}: not an IDX dataset directory, missing ${missing.map((m) => `${m}[.gz]`).join(', ')}`);
  const [trainImages, trainLabels, testImages, testLabels] = paths as string[];
  return { train: await readIdxSplit(trainImages, trainLabels), test: await readIdxSplit(testImages, testLabels) };
}
