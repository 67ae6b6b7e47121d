import { identityOrder, seededPermutation } from '../random/permutation.js';

/** How {@link batches} and {@link batchArrays} walk a split. */
export interface BatchOptions {
  /** Samples per batch (the last batch may be smaller unless `dropLast`). */
  batchSize: number;
  /** Visit samples in a seeded random order (see `seededPermutation`). Default false. */
  shuffle?: boolean;
  /** Seed for `shuffle` (default 0). */
  seed?: number;
  /** Use only the first `limit` samples of the (shuffled) order. */
  limit?: number;
  /** An explicit visiting order (sample indices), e.g. `spikingJellyOrder(n)`; overrides `shuffle`. */
  order?: ArrayLike<number>;
  /** Drop a last batch smaller than `batchSize`. Default false. */
  dropLast?: boolean;
}

/** Resolves options into the sample indices to visit, checked against the split size `n`. */
export function resolveOrder(n: number, o: BatchOptions): ArrayLike<number> {
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${o.batchSize}`);
  if (o.limit !== undefined && (!Number.isInteger(o.limit) || o.limit < 0)) throw new RangeError(`limit must be a non-negative integer, got ${o.limit}`);
  let order: ArrayLike<number> = o.order ?? (o.shuffle ? seededPermutation(n, o.seed ?? 0) : identityOrder(n));
  if (o.order) {
    for (let i = 0; i < order.length; i++) {
      const k = order[i];
      if (!Number.isInteger(k) || k < 0 || k >= n) throw new RangeError(`order[${i}] = ${k} is not a sample index of a split with ${n} samples`);
    }
  }
  if (o.limit !== undefined && o.limit < order.length) order = Array.prototype.slice.call(order, 0, o.limit) as number[];
  return order;
}
