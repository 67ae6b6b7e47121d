// countNonZero (SIMD, copied in chunks) against the plain JS count, on values that test its edges:
// ±0 (not counted), NaN and subnormals (counted), lengths that are no multiple of 4, shorter than its
// SIMD threshold, and longer than one 64 KB chunk.
import { describe, expect, it } from 'vitest';
import { rng } from '../../test/helpers.js';
import { countNonZero } from './count-nonzero.js';

const jsCount = (a: Float32Array) => a.reduce((n, x) => n + (x !== 0 ? 1 : 0), 0);

describe('countNonZero', () => {
  it('counts what x !== 0 counts: NaN and subnormals in, ±0 out; any length', () => {
    const r = rng(3);
    const special = [0, -0, Number.NaN, 1e-45, -1e-45, 0.5, Number.POSITIVE_INFINITY];
    for (const n of [0, 3, 4, 63, 64, 65, 1001, 16384, 16387, 40000, 100003]) {
      const a = Float32Array.from({ length: n }, () => (r() < 0.8 ? (r() < 0.5 ? 0 : -0) : special[Math.floor(r() * special.length)]));
      expect(countNonZero(a), `length ${n}`).toBe(jsCount(a));
      a.fill(1, n - (n % 4)); // the values after the last whole vector, all counted
      expect(countNonZero(a), `length ${n}, its tail set`).toBe(jsCount(a));
    }
    const spikes = Float32Array.from({ length: 21632 * 3 }, () => (r() < 0.15 ? 0.7 : 0));
    expect(countNonZero(spikes)).toBe(jsCount(spikes));
    expect(countNonZero(new Float32Array(1000).fill(-0))).toBe(0);
    expect(countNonZero(new Float32Array(1000).fill(Number.NaN))).toBe(1000);
  });

  it('reads a view at any offset and leaves it as it was', () => {
    const r = rng(9);
    const base = Float32Array.from({ length: 50000 }, () => (r() < 0.3 ? r() : 0));
    const copy = base.slice();
    for (const [from, to] of [
      [1, 49999],
      [7, 20001],
      [12345, 12345 + 16384 + 5],
    ]) {
      const v = base.subarray(from, to);
      expect(countNonZero(v)).toBe(jsCount(v));
    }
    expect(base).toEqual(copy);
  });
});
