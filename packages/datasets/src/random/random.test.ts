import { describe, expect, it } from 'vitest';
import { createRng as mulberry32 } from '@snn/core';
import { identityOrder, seededPermutation } from './permutation.js';
import { spikingJellyOrder } from './spikingjelly-order.js';

// Expected values computed by an independent Python implementation of mulberry32 / Fisher–Yates.
describe('mulberry32', () => {
  it('matches the reference sequence for seeds 42 and 0', () => {
    const a = mulberry32(42);
    expect([a(), a(), a()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
    const b = mulberry32(0);
    expect([b(), b(), b()]).toEqual([0.26642920868471265, 0.0003297457005828619, 0.2232720274478197]);
  });

  it('stays in [0, 1) with a mean near 1/2', () => {
    const r = mulberry32(123);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const v = r();
      if (!(v >= 0 && v < 1)) outside++;
      sum += v;
    }
    expect(outside).toBe(0);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });
});

describe('seededPermutation', () => {
  it('is reproducible and matches the reference for (10, 42) and (10, 7)', () => {
    expect(Array.from(seededPermutation(10, 42))).toEqual([0, 7, 3, 5, 2, 1, 8, 9, 4, 6]);
    expect(Array.from(seededPermutation(10, 7))).toEqual([6, 5, 8, 1, 2, 3, 4, 7, 9, 0]);
    expect(seededPermutation(7996, 3)).toEqual(seededPermutation(7996, 3));
    expect(seededPermutation(7996, 3)).not.toEqual(seededPermutation(7996, 4));
  });

  it('is a permutation', () => {
    const p = Array.from(seededPermutation(7996, 1)).sort((a, b) => a - b);
    expect(p).toEqual(Array.from(identityOrder(7996)));
    expect(seededPermutation(0, 1).length).toBe(0);
    expect(() => identityOrder(-1)).toThrow(/non-negative integer, got -1/);
  });
});

describe('spikingJellyOrder', () => {
  it('is (i · 7919) mod n: 0, 7919, 7842, 7765, 7688 for the 7,996 training images', () => {
    const p = spikingJellyOrder(7996);
    expect(Array.from(p.subarray(0, 5))).toEqual([0, 7919, 7842, 7765, 7688]);
    expect(new Set(p).size).toBe(7996);
    expect(p[7995]).toBe((7995 * 7919) % 7996);
  });

  it('refuses n that is a multiple of 7919', () => {
    expect(() => spikingJellyOrder(15838)).toThrow('(i · 7919) mod 15838 is not a permutation: 15838 is a multiple of 7919');
  });
});
