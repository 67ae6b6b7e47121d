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

describe('thresholdForT on ascending entries (runs of equal spike counts)', () => {
  // the evaluation at every value, as thresholdForT computed it before the runs (a76bbda): the reference
  function everyValue(entries: Array<[number, number]>, T: number, f = 0.5): number {
    const max = Math.max(0, ...entries.map(([v]) => v));
    if (max === 0) return 1;
    const err = (theta: number) => {
      let e = 0;
      for (const [v, c] of entries) {
        const n = Math.min(T, Math.max(0, Math.floor((v * T) / theta + f)));
        const d = v - (n * theta) / T;
        e += c * d * d;
      }
      return e;
    };
    let [lo, hi, best] = [0.02 * max, max, max];
    for (let round = 0; round < 3; round++) {
      let bestErr = Infinity;
      for (let k = 0; k <= 64; k++) {
        const theta = lo + ((hi - lo) * k) / 64;
        const e = err(theta);
        if (e < bestErr) [bestErr, best] = [e, theta];
      }
      const span = (hi - lo) / 64;
      [lo, hi] = [Math.max(1e-12, best - span), Math.min(max, best + span)];
    }
    return best;
  }

  it('gives the same θ bit for bit as evaluating every value, on histograms of ReLU-like activations, for T = 1…256 and f = 0, ½', async () => {
    const { createRng } = await import('@snn/core');
    const { StreamingHistogram } = await import('./histogram.js');
    const rng = createRng(11);
    let checked = 0;
    for (let h = 0; h < 12; h++) {
      const hist = new StreamingHistogram();
      const scale = 0.05 + 3 * rng();
      // zeros, an exponential bulk and rare large values (the clipped outliers)
      hist.add(Float32Array.from({ length: 4000 }, () => (rng() < 0.4 ? 0 : Math.fround(-Math.log(1 - rng()) * scale * (rng() > 0.998 ? 20 : 1)))));
      const entries = [...hist.entries()];
      for (const T of [1, 2, 4, 7, 16, 64, 256]) for (const f of [0.5, 0]) if (thresholdForT(entries, T, f) === everyValue(entries, T, f)) checked++;
    }
    expect(checked).toBe(12 * 7 * 2);
  });

  it('evaluates entries that do not ascend at every value (same θ bit for bit)', () => {
    const entries: Array<[number, number]> = [
      [0.9, 3],
      [0.1, 40],
      [2.5, 1],
      [0.4, 20],
      [0, 100],
    ];
    for (const T of [1, 4, 16]) expect(thresholdForT(entries, T)).toBe(everyValue(entries, T));
  });
});
