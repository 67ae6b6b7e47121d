import type { Split } from '../types.js';
import { DataFormatError } from './error.js';

/** Per-channel normalisation (torchvision's `Normalize`): one value for every channel, or one per channel. */
export interface Normalization {
  mean?: number[];
  std?: number[];
}

const perChannel = (v: number[] | undefined, c: number, fill: number, what: string): number[] => {
  if (v === undefined) return new Array(c).fill(fill);
  if (v.length === 1) return new Array(c).fill(v[0]);
  if (v.length !== c) throw new DataFormatError(what, `has ${v.length} values but the data has ${c} channel(s)`);
  return v;
};

/**
 * x' = (x − mean_c) / std_c for every pixel of channel c (a new split; the input is not changed).
 * With neither `mean` nor `std` the split is returned as is.
 *
 * @throws DataFormatError naming `--mean`/`--std` when the count is neither 1 nor the channel count
 * @example normalizeSplit(split, { mean: [0.1307], std: [0.3081] }); // MNIST's usual constants
 */
export function normalizeSplit(split: Split, { mean, std }: Normalization): Split {
  if (mean === undefined && std === undefined) return split;
  const c = split.shape[2];
  const m = perChannel(mean, c, 0, `--mean ${mean?.join(',')}`);
  const s = perChannel(std, c, 1, `--std ${std?.join(',')}`);
  const images = new Float32Array(split.images.length);
  for (let i = 0; i < images.length; i++) images[i] = (split.images[i] - m[i % c]) / s[i % c];
  return { ...split, images };
}
