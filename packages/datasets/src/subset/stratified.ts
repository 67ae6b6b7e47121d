import { seededPermutation } from '../random/permutation.js';
import type { Split } from '../types.js';

/** What a subset is, for reports: `n` of `of` samples, chosen by `rule` with `seed`. */
export interface SubsetInfo {
  n: number;
  of: number;
  /** `all` when the subset is the whole split. */
  rule: 'class-stratified' | 'all';
  seed: number;
}

/**
 * How many samples of each class a stratified subset of `n` takes: the quota `n · m_c / N` of each
 * class c (m_c of its N samples), rounded down, then the `n − Σ⌊·⌋` left over go one each to the
 * classes with the largest remainders (Hamilton's largest-remainder rule; ties to the lower class).
 *
 * @example classQuotas([3, 1], 2) // [2, 0]: quotas 1.5 and 0.5, the tie goes to class 0
 */
export function classQuotas(counts: readonly number[], n: number): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (!(Number.isInteger(n) && n >= 0 && n <= total)) throw new RangeError(`subset size must be an integer in [0, ${total}], got ${n}`);
  const exact = counts.map((m) => (total ? (n * m) / total : 0));
  const q = exact.map(Math.floor);
  let left = n - q.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((e, c) => ({ c, r: e - q[c] })).sort((a, b) => b.r - a.r || a.c - b.c);
  for (const { c } of byRemainder) {
    if (left === 0) break;
    if (q[c] < counts[c]) {
      q[c]++;
      left--;
    }
  }
  return q;
}

/**
 * The sample indices (ascending) of a class-stratified, seeded subset of `n` of `labels`: each class
 * keeps its share ({@link classQuotas}), and within a class the samples that come first in
 * `seededPermutation(N, seed)` are taken. The same `(labels, n, seed)` gives the same indices everywhere.
 *
 * @example stratifiedIndices(test.labels, 500) // 500 test images, every digit in proportion
 */
export function stratifiedIndices(labels: ArrayLike<number>, n: number, seed = 0): Uint32Array {
  const counts: number[] = [];
  for (let i = 0; i < labels.length; i++) counts[labels[i]] = (counts[labels[i]] ?? 0) + 1;
  const quota = classQuotas(
    Array.from(counts, (m) => m ?? 0),
    n,
  );
  const out = new Uint32Array(n);
  let k = 0;
  for (const i of seededPermutation(labels.length, seed)) {
    if (k === n) break;
    if (quota[labels[i]] > 0) {
      quota[labels[i]]--;
      out[k++] = i;
    }
  }
  return out.sort();
}

/** The samples `indices` of a split, copied into a split of their own (in that order). */
export function pickSamples(split: Split, indices: ArrayLike<number>): Split {
  const per = split.shape[0] * split.shape[1] * split.shape[2];
  const images = new Float32Array(indices.length * per);
  const labels = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i];
    images.set(split.images.subarray(k * per, (k + 1) * per), i * per);
    labels[i] = split.labels[k];
  }
  return { images, labels, n: indices.length, shape: split.shape };
}

/**
 * A class-stratified, seeded subset of `n` samples of a split (never "the first n": a split sorted
 * by class would give one class). `n ≥ split.n` returns the whole split (`info.rule = 'all'`).
 *
 * @example const { split, info } = stratifiedSubset(data.test, 500); // info: {n: 500, of: 2004, …}
 */
export function stratifiedSubset(split: Split, n: number, seed = 0): { split: Split; indices: Uint32Array; info: SubsetInfo } {
  if (n >= split.n) return { split, indices: Uint32Array.from({ length: split.n }, (_, i) => i), info: { n: split.n, of: split.n, rule: 'all', seed } };
  const indices = stratifiedIndices(split.labels, n, seed);
  return { split: pickSamples(split, indices), indices, info: { n, of: split.n, rule: 'class-stratified', seed } };
}
