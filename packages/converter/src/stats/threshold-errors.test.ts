import { describe, expect, it } from 'vitest';
import { jsErrors, simdErrors } from './threshold-errors.js';
import { thresholdForT } from './threshold-for-t.js';

let s = 11;
const rnd = () => {
  s = (s * 1103515245 + 12345) % 2 ** 31;
  return s / 2 ** 31;
};

/** A histogram's entries: bin centres (b + ½)·w with integer counts, as `StreamingHistogram.entries()` gives them. */
function histogram(bins: number, w: number): [Float64Array, Float64Array] {
  const vals: number[] = [];
  const counts: number[] = [];
  for (let b = 0; b < bins; b++)
    if (rnd() < 0.7) {
      vals.push((b + 0.5) * w);
      counts.push(1 + Math.floor(rnd() * 1000 * Math.exp(-b / 50)));
    }
  return [Float64Array.from(vals), Float64Array.from(counts)];
}

/** thresholdForT as it was before the SIMD errors (one θ at a time, in JS): the second implementation. */
function reference(entries: Array<[number, number]>, T: number, f = 0.5): number {
  const max = Math.max(...entries.map(([v]) => v));
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

describe('the threshold errors (threshold-errors.ts)', () => {
  it('jsErrors by hand: values {0.3 ×5, 1 ×1}, T = 1, f = ½ at θ = 1 and θ = 0.6', () => {
    // θ = 1: 0.3 → ⌊0.8⌋ = 0 (err 0.09 × 5), 1 → 1 (0); θ = 0.6: 0.3 → ⌊1⌋ = 1 → 0.6 (0.09 × 5), 1 → min(1, ⌊2.17⌋) = 1 → 0.6 (0.16)
    const e = jsErrors(Float64Array.of(0.3, 1), Float64Array.of(5, 1), 1, 0.5, [1, 0.6]);
    expect(e[0]).toBeCloseTo(0.45, 12);
    expect(e[1]).toBeCloseTo(0.45 + 0.16, 12);
  });

  it('simdErrors gives jsErrors bit for bit (odd and even numbers of thresholds, several T and f)', () => {
    for (const [bins, w] of [
      [1, 0.01],
      [7, 0.003],
      [2048, 1 / 512],
    ] as const) {
      const [vals, counts] = histogram(bins, w);
      if (!vals.length) continue;
      const max = vals[vals.length - 1];
      for (const T of [1, 8, 16, 64, 200])
        for (const f of [0.5, 0, 0.25]) {
          const thetas = Array.from({ length: 65 }, (_, k) => 0.02 * max + ((max - 0.02 * max) * k) / 64).concat([1e-12]);
          const want = jsErrors(vals, counts, T, f, thetas);
          const got = simdErrors(vals, counts, T, f, thetas) as Float64Array;
          expect(got.length).toBe(want.length);
          expect(
            got.every((v, k) => Object.is(v, want[k])),
            `bins ${bins}, T ${T}, f ${f}`,
          ).toBe(true);
        }
    }
  });

  it('thresholdForT picks what the one-θ-at-a-time loop picked', () => {
    for (const T of [4, 16, 32]) {
      const [vals, counts] = histogram(2048, 1 / 1024);
      const entries = Array.from(vals, (v, i): [number, number] => [v, counts[i]]);
      entries.unshift([0, 50000]);
      expect(thresholdForT(entries, T)).toBe(reference(entries, T));
      expect(thresholdForT(entries, T, 0.25)).toBe(reference(entries, T, 0.25));
    }
  });
});
