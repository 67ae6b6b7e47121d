import { createRng as mulberry32 } from '@snn/core';

/**
 * A seeded random permutation of `0 … n−1`: Fisher–Yates (Durstenfeld) driven by
 * {@link mulberry32}: for `i = n−1 … 1`, `j = ⌊rand() · (i+1)⌋`, swap `p[i]`, `p[j]`.
 * The same `(n, seed)` gives the same permutation everywhere.
 *
 * @example seededPermutation(10, 42) // Uint32Array [...] — always the same ten indices
 */
export function seededPermutation(n: number, seed: number): Uint32Array {
  const p = identityOrder(n);
  const rand = mulberry32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/** `0, 1, …, n−1`. */
export function identityOrder(n: number): Uint32Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`order length must be a non-negative integer, got ${n}`);
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return p;
}
