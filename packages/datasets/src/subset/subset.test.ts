import { describe, expect, it } from 'vitest';
import type { Split } from '../types.js';
import { classQuotas, stratifiedIndices, stratifiedSubset } from './stratified.js';
import { validationSplit } from './validation.js';

/** A split sorted by class, as the embedded MNIST test split is: 60 of class 0, 30 of 1, 10 of 2; pixel = index. */
const counts = [60, 30, 10];
const labels = Uint8Array.from(counts.flatMap((m, c) => Array(m).fill(c)));
const sorted: Split = { images: Float32Array.from(labels, (_, i) => i), labels, n: labels.length, shape: [1, 1, 1] };
const classCounts = (l: ArrayLike<number>) => Array.from({ length: 3 }, (_, c) => Array.from(l).filter((v) => v === c).length);

describe('classQuotas (largest remainder)', () => {
  it('gives each class its share, the rest by largest remainder', () => {
    expect(classQuotas([3, 1], 2)).toEqual([2, 0]); // 1.5, 0.5: the tie goes to class 0
    expect(classQuotas([60, 30, 10], 10)).toEqual([6, 3, 1]);
    expect(classQuotas([60, 30, 10], 7)).toEqual([4, 2, 1]); // 4.2, 2.1, 0.7
    expect(classQuotas([5, 5], 10)).toEqual([5, 5]);
    expect(() => classQuotas([5, 5], 11)).toThrow('subset size must be an integer in [0, 10], got 11');
  });
});

describe('stratifiedSubset', () => {
  it('takes every class in proportion, not the first n', () => {
    const { split, indices, info } = stratifiedSubset(sorted, 20, 3);
    expect(classCounts(split.labels)).toEqual([12, 6, 2]);
    expect(info).toEqual({ n: 20, of: 100, rule: 'class-stratified', seed: 3 });
    // images travel with their labels, indices ascending
    expect(Array.from(split.images)).toEqual(Array.from(indices));
    expect([...indices].sort((a, b) => a - b)).toEqual(Array.from(indices));
    expect(indices.some((i) => i >= 20)).toBe(true);
  });

  it('is the same every run for a seed, different for another', () => {
    expect(stratifiedIndices(labels, 20, 3)).toEqual(stratifiedIndices(labels, 20, 3));
    expect(stratifiedIndices(labels, 20, 3)).not.toEqual(stratifiedIndices(labels, 20, 4));
  });

  it('returns the whole split when n is at least its size', () => {
    const r = stratifiedSubset(sorted, 500);
    expect(r.split).toBe(sorted);
    expect(r.info).toEqual({ n: 100, of: 100, rule: 'all', seed: 0 });
  });
});

describe('validationSplit', () => {
  it('holds out a stratified 10 %, disjoint from the calibration part', () => {
    const { calibration, validation, info } = validationSplit(sorted);
    expect(info).toEqual({ fraction: 0.1, n: 10, of: 100, rule: 'class-stratified', seed: 0 });
    expect(classCounts(validation.labels)).toEqual([6, 3, 1]);
    expect(classCounts(calibration.labels)).toEqual([54, 27, 9]);
    const seen = [...calibration.images, ...validation.images].sort((a, b) => a - b);
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('refuses a fraction outside (0, 1)', () => {
    expect(() => validationSplit(sorted, { fraction: 1 })).toThrow('validation fraction must be in (0, 1), got 1');
  });
});
