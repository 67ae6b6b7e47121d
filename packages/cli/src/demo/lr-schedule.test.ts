import { describe, expect, it } from 'vitest';
import { learningRate } from './lr-schedule.js';

describe('learningRate', () => {
  it('one-cycle over 20 steps: warm-up over ⌈0.1·20⌉ = 2 steps, then cosine to 0 (hand-derived)', () => {
    const at = (i: number) => learningRate('one-cycle', 0.004, i, 20);
    expect(at(0)).toBeCloseTo(0.002, 12); // η·1/2
    expect(at(1)).toBeCloseTo(0.004, 12); // η·2/2
    expect(at(2)).toBeCloseTo(0.004, 12); // cos 0
    expect(at(11)).toBeCloseTo(0.002, 12); // cos(π·9/18) = 0
    expect(at(19)).toBeCloseTo(0.004 * 0.5 * (1 + Math.cos((17 * Math.PI) / 18)), 12);
  });

  it('constant is the rate itself at every step', () => {
    expect([0, 7, 99].map((i) => learningRate('constant', 1e-3, i, 100))).toEqual([1e-3, 1e-3, 1e-3]);
  });
});
