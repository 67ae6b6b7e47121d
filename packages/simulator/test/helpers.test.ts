// The test helper's MNIST subset is class-stratified and seeded (stratifiedSubset), not a stride over
// the digit-sorted embedded split: every class within one image of its share, the same images every run.
import { loadEmbeddedMnist, stratifiedSubset } from '@snn/datasets';
import { describe, expect, it } from 'vitest';
import { mnistTestSubset } from './helpers.js';

const counts = (labels: ArrayLike<number>) => Array.from({ length: 10 }, (_, c) => Array.from(labels).filter((l) => l === c).length);

describe('mnistTestSubset', () => {
  it('holds every class within one image of its share of the test split, the images of stratifiedSubset(seed 0)', async () => {
    const { test } = await loadEmbeddedMnist();
    const share = counts(test.labels);
    const n = 48;
    const s = await mnistTestSubset(n);
    expect(s.n).toBe(n);
    for (const [c, k] of counts(s.labels).entries()) expect(Math.abs(k - (n * share[c]) / test.n)).toBeLessThan(1);
    const { indices } = stratifiedSubset(test, n, 0);
    for (let i = 0; i < n; i++) {
      expect(s.labels[i]).toBe(test.labels[indices[i]]);
      expect(s.images.subarray(i * 784, (i + 1) * 784)).toEqual(test.images.subarray(indices[i] * 784, (indices[i] + 1) * 784));
    }
    expect(Array.from((await mnistTestSubset(n)).labels)).toEqual(Array.from(s.labels)); // seeded: the same every run
  });
});
