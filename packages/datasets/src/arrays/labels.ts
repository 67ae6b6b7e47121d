import { DataFormatError } from './error.js';
import type { NpyArray } from './read-npy.js';

const INTEGER_DTYPES = new Set(['i1', 'u1', 'i2', 'u2', 'i4', 'u4', 'i8', 'u8']);

/**
 * Class labels from an integer array of shape `[N]` (or `[N, 1]`), each in 0…255 (a {@link Split}
 * keeps labels as bytes).
 *
 * @throws DataFormatError naming `file`: not integer, wrong rank, a label outside 0…255
 * @example const labels = labelsFromArray(readNpy(bytes, 'y.npy'), 'y.npy');
 */
export function labelsFromArray(y: NpyArray, file: string): Uint8Array {
  if (!INTEGER_DTYPES.has(y.dtype)) throw new DataFormatError(file, `labels must be integers, got dtype ${y.dtype}`);
  if (!(y.shape.length === 1 || (y.shape.length === 2 && y.shape[1] === 1)))
    throw new DataFormatError(file, `labels must have shape [N], got [${y.shape.join(', ')}]`);
  const out = new Uint8Array(y.shape[0]);
  for (let i = 0; i < out.length; i++) {
    const v = Number(y.data[i]);
    if (!(v >= 0 && v <= 255)) throw new DataFormatError(file, `label ${v} at index ${i} is outside 0..255`);
    out[i] = v;
  }
  return out;
}
