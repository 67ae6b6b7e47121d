import { readFile } from 'node:fs/promises';
import { DataFormatError } from '../arrays/error.js';
import { readNpy } from '../arrays/read-npy.js';
import { readNpz } from '../arrays/read-npz.js';
import { arraysToSplit } from '../arrays/to-split.js';
import type { Split } from '../types.js';

const read = (file: string) =>
  readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new DataFormatError(file, e.code === 'ENOENT' ? 'no such file' : `cannot read: ${e.code ?? e.message}`);
  });

/**
 * One split from an `.npz` holding `x` (`[N, C, H, W]` or `[N, C, L]`, uint8 or float) and `y`
 * (`[N]` integer labels), as `np.savez('test.npz', x=x, y=y)` writes it. Node only (reads the file).
 *
 * @throws DataFormatError naming the file: missing arrays, dtype, shape, label count
 * @example const test = await readNpzSplit('test.npz'); // uint8 pixels → byte / 255
 */
export async function readNpzSplit(file: string, scale?: number): Promise<Split> {
  const arrays = readNpz(await read(file), file);
  const missing = ['x', 'y'].filter((k) => !(k in arrays));
  if (missing.length)
    throw new DataFormatError(file, `needs arrays x (images) and y (labels); missing ${missing.join(', ')} (has ${Object.keys(arrays).join(', ') || 'none'})`);
  return arraysToSplit({ x: arrays.x, y: arrays.y, xFile: `${file}[x]`, yFile: `${file}[y]` }, scale);
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
