import { describe, expect, it } from 'vitest';
import { StreamingHistogram } from './histogram.js';
import { quantile } from './quantile.js';

describe('quantile (linear interpolation, numpy/torch default)', () => {
  it('matches hand-derived values', () => {
    // p = 0.999·4 = 3.996 → 3 + 0.996·(4 − 3)
    expect(quantile([4, 0, 3, 1, 2], 0.999)).toBeCloseTo(3.996, 12);
    expect(quantile([5, 1, 3], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([7], 0.3)).toBe(7);
    expect(quantile([2, 9], 1)).toBe(9);
    expect(quantile([2, 9], 0)).toBe(2);
  });

  it('agrees with sorting on many random sets, and leaves the input untouched', () => {
    let s = 12345;
    const rnd = () => {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return s / 2 ** 31;
    };
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(rnd() * 500);
      const v = Float32Array.from({ length: n }, () => (rnd() < 0.4 ? 0 : rnd() * 3));
      const copy = Float32Array.from(v);
      const q = rnd();
      const sorted = Array.from(v).sort((a, b) => a - b);
      const p = q * (n - 1);
      const lo = Math.floor(p);
      const expected = lo + 1 < n ? sorted[lo] + (p - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
      expect(quantile(v, q)).toBeCloseTo(expected, 9);
      expect(v).toEqual(copy);
    }
  });

  it('refuses empty input and q outside [0, 1]', () => {
    expect(() => quantile([], 0.5)).toThrow(/empty/);
    expect(() => quantile([1], 1.5)).toThrow(/q must be in \[0, 1\], got 1.5/);
  });
});

describe('StreamingHistogram', () => {
  it('keeps quantiles within its stated bound (2·max/bins) over streamed batches', () => {
    const h = new StreamingHistogram(256);
    const all: number[] = [];
    let s = 7;
    for (let batch = 0; batch < 20; batch++) {
      // growing range across batches forces several doublings
      const vals = Float32Array.from({ length: 1000 }, () => {
        s = (s * 16807) % 2147483647;
        const u = s / 2147483647;
        return u < 0.5 ? 0 : u * (batch + 1);
      });
      h.add(vals);
      all.push(...vals);
    }
    const bound = (2 * h.max) / 256;
    for (const q of [0.5, 0.9, 0.99, 0.999, 1]) expect(Math.abs(h.quantile(q) - quantile(all, q))).toBeLessThanOrEqual(bound);
    expect(h.max).toBe(Math.max(...all));
    expect(h.total).toBe(20000);
    expect(h.quantile(0.3)).toBe(0); // half the values are exact zeros
  });

  it('refuses negative and NaN values with a clear message', () => {
    expect(() => new StreamingHistogram().add([1, -0.5])).toThrow(/negative value -0.5/);
    expect(() => new StreamingHistogram().add([Number.NaN])).toThrow(/NaN/);
  });
});
