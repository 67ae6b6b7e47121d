import { describe, expect, it } from 'vitest';
import { thresholdForT } from './threshold-for-t.js';

describe('thresholdForT', () => {
  it('finds θ = 1 for values on the T-step grid of θ = 1 (zero error there)', () => {
    // values k/4 for k = 0..4, T = 4, rounding (f = 0.5): θ = 1 expresses all exactly
    const entries: Array<[number, number]> = [0, 0.25, 0.5, 0.75, 1].map((v) => [v, 10]);
    expect(thresholdForT(entries, 4)).toBeCloseTo(1, 3);
  });

  it('clips a rare outlier: a single 10 among many values ≤ 1 gives θ ≈ 1, not 10', () => {
    const entries: Array<[number, number]> = [
      [0.5, 1000],
      [1, 1000],
      [10, 1],
    ];
    const theta = thresholdForT(entries, 2);
    expect(theta).toBeGreaterThan(0.95);
    expect(theta).toBeLessThan(1.05);
  });

  it('beats max-normalisation on its own objective, by hand: values {0.3, 1} at T = 1', () => {
    // θ = 1: 0.3 → round(0.3) = 0 (err .09), 1 → 1 (0) → .09·n. θ = 0.6: 0.3 → ⌊0.5+0.5⌋=1 → .6 (err .09), 1 → clip → .6 (err .16)
    const e = (theta: number) => {
      const q = (a: number) => Math.min(1, Math.max(0, Math.floor(a / theta + 0.5))) * theta;
      return (0.3 - q(0.3)) ** 2 * 5 + (1 - q(1)) ** 2;
    };
    const theta = thresholdForT(
      [
        [0.3, 5],
        [1, 1],
      ],
      1,
    );
    expect(e(theta)).toBeLessThanOrEqual(e(1) + 1e-12);
    expect(e(theta)).toBeLessThan(0.45 - 1e-6); // strictly better than θ = 1 (error 5·0.09 = 0.45)
  });

  it('returns 1 for a silent layer and refuses a bad T', () => {
    expect(thresholdForT([[0, 5]], 8)).toBe(1);
    expect(() => thresholdForT([[1, 1]], 0)).toThrow(/positive integer, got 0/);
  });
});

describe('targetT with burst spikes', () => {
  it('θ for k spikes per step is the k·T-step threshold divided by k (values k/8 on [0, 2]: θ = 1 at T = 4, k = 2)', async () => {
    const { StreamingHistogram } = await import('./histogram.js');
    const { targetTStrategy } = await import('../normalization/target-t.js');
    const h = new StreamingHistogram();
    // 0, 0.25, …, 2: on the grid n·θ/T with θ = 1, T = 4, n = 0..8 = k·T (two spikes per step at most)
    h.add(Float32Array.from({ length: 9 }, (_, n) => n / 4));
    const burst = targetTStrategy.fromHistogram(h, { kind: 'targetT', T: 4, burst: 2 });
    expect(burst).toBeCloseTo(thresholdForT(h.entries(), 8) / 2, 12);
    expect(burst).toBeCloseTo(1, 2);
    // plain spikes must cover the whole range 0..2 with 4 levels: θ ≈ 2
    expect(targetTStrategy.fromHistogram(h, { kind: 'targetT', T: 4 })).toBeGreaterThan(1.5);
    expect(() => targetTStrategy.validate({ kind: 'targetT', T: 4, burst: 0 })).toThrow(/burst must be an integer ≥ 1/);
  });
});
