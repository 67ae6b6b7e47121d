import type { Split } from '../types.js';
import { DataFormatError } from './error.js';
import { labelsFromArray } from './labels.js';
import type { NpyArray } from './read-npy.js';

/** Image dtypes accepted: bytes (scaled by 1/255 by default) and floats (used as stored). */
const IMAGE_DTYPES = new Set(['u1', 'f2', 'f4', 'f8']);

/** An image array and a label array with the names errors should use. */
export interface LabelledArrays {
  x: NpyArray;
  y: NpyArray;
  xFile: string;
  yFile: string;
}

/** `[N, C, H, W]` → `[H, W, C]`; `[N, C, L]` (1-D signals) → `[1, L, C]` (H = 1, W = L). */
export function sampleShapeOf(x: NpyArray, file: string): [number, number, number] {
  const s = x.shape;
  if (s.length === 4) return [s[2], s[3], s[1]];
  if (s.length === 3) return [1, s[2], s[1]];
  throw new DataFormatError(file, `images must have shape [N, C, H, W] or [N, C, L] (channels first, as PyTorch), got [${s.join(', ')}]`);
}

/**
 * A {@link Split} from PyTorch-layout arrays: `x` `[N, C, H, W]` or `[N, C, L]` (uint8 or float),
 * `y` `[N]` integer labels. Pixels become `x · scale` in NHWC order, where `scale` defaults to 1/255
 * for uint8 and 1 for floats; a rank-3 `x` becomes shape `[1, L, C]`.
 *
 * @throws DataFormatError naming the file at fault: dtype, shape, or a label count ≠ N
 * @example const test = arraysToSplit({ x, y, xFile: 'x.npy', yFile: 'y.npy' }); // test.shape [28, 28, 1]
 */
export function arraysToSplit({ x, y, xFile, yFile }: LabelledArrays, scale?: number): Split {
  if (!IMAGE_DTYPES.has(x.dtype)) throw new DataFormatError(xFile, `images must be uint8 or float32 (float16/64 are converted), got dtype ${x.dtype}`);
  const shape = sampleShapeOf(x, xFile);
  const labels = labelsFromArray(y, yFile);
  const n = x.shape[0];
  if (labels.length !== n) throw new DataFormatError(yFile, `has ${labels.length} labels but ${xFile} has ${n} samples`);
  // byte / 255 (not byte · (1/255)): the same float32 values the IDX reader gives.
  const div = scale === undefined && x.dtype === 'u1' ? 255 : 1;
  const mul = scale ?? 1;
  const [h, w, c] = shape;
  const plane = h * w;
  const src = x.data as ArrayLike<number>;
  const images = new Float32Array(n * plane * c);
  for (let i = 0; i < n; i++) {
    const base = i * plane * c;
    for (let ch = 0; ch < c; ch++) {
      const from = base + ch * plane;
      for (let p = 0; p < plane; p++) images[base + p * c + ch] = (src[from + p] * mul) / div;
    }
  }
  return { images, labels, n, shape };
}
