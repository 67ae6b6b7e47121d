import { readFile } from 'node:fs/promises';
import { fileErrorText } from '@snn/core';
import { DataFormatError } from '../arrays/error.js';
import { readNpy } from '../arrays/read-npy.js';
import { readNpz } from '../arrays/read-npz.js';
import { arraysToSplit } from '../arrays/to-split.js';
import type { Dataset, Split } from '../types.js';

const read = (file: string) =>
  readFile(file).catch((e: unknown) => {
    throw new DataFormatError(file, fileErrorText(e));
  });

const KERAS_KEYS = ['x_train', 'y_train', 'x_test', 'y_test'];

/**
 * The data in an `.npz`: one split from `x` (`[N, C, H, W]` or `[N, C, L]`, uint8 or float) and `y`
 * (`[N]` integer labels), as `np.savez('test.npz', x=x, y=y)` writes it; or, when it holds
 * `x_train`, `y_train`, `x_test`, `y_test` (Keras' layout of names), a train and a test split.
 * Node only (reads the file).
 *
 * @throws DataFormatError naming the file: missing arrays, dtype, shape, label count
 * @example const { split } = await readNpzData('test.npz'); // uint8 pixels → byte / 255
 */
export async function readNpzData(file: string, scale?: number): Promise<{ split: Split } | { dataset: Dataset }> {
  const arrays = readNpz(await read(file), file);
  const pick = (x: string, y: string) => arraysToSplit({ x: arrays[x], y: arrays[y], xFile: `${file}[${x}]`, yFile: `${file}[${y}]` }, scale);
  if (KERAS_KEYS.every((k) => k in arrays)) return { dataset: { train: pick('x_train', 'y_train'), test: pick('x_test', 'y_test') } };
  const missing = ['x', 'y'].filter((k) => !(k in arrays));
  if (missing.length) {
    const hint = 'arr_0' in arrays ? '; save them by name: np.savez(file, x=x, y=y)' : '';
    throw new DataFormatError(
      file,
      `needs arrays x (images) and y (labels); missing ${missing.join(', ')} (has ${Object.keys(arrays).join(', ') || 'none'})${hint}`,
    );
  }
  return { split: pick('x', 'y') };
}

/** {@link readNpzData} of an `.npz` holding one split (`x`, `y`). */
export async function readNpzSplit(file: string, scale?: number): Promise<Split> {
  const got = await readNpzData(file, scale);
  if ('dataset' in got) throw new DataFormatError(file, 'holds a train and a test split (x_train, …), not one set (x, y)');
  return got.split;
}

/**
 * One split from a pair of `.npy` files: images `x` and labels `y` (see {@link readNpzSplit}). Node only.
 *
 * @example const test = await readNpyPairSplit('x.npy', 'y.npy');
 */
export async function readNpyPairSplit(xFile: string, yFile: string, scale?: number): Promise<Split> {
  const [xb, yb] = await Promise.all([read(xFile), read(yFile)]);
  return arraysToSplit({ x: readNpy(xb, xFile), y: readNpy(yb, yFile), xFile, yFile }, scale);
}
