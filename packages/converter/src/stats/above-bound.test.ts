import { describe, expect, it } from 'vitest';
import { keepAbove } from './above-bound.js';

/** The definition: every x with !(x < bound), in order. */
const filter = (v: Float32Array, bound: number) => Float32Array.from([...v].filter((x) => !(x < bound)));

describe('keepAbove (SIMD scan of the values at or above a bound)', () => {
  it('keeps what a plain filter keeps, in order, across chunks and with a ragged tail', () => {
    let s = 7;
    const rnd = () => {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return s / 2 ** 31;
    };
    for (const n of [1, 3, 4, 5, 16384, 16387, 50001]) {
      const v = Float32Array.from({ length: n }, () => (rnd() < 0.3 ? 0 : rnd()));
      for (const bound of [0.99, 0.5, 0, -1]) {
        const got = keepAbove(v, bound, n) as Float32Array;
        expect(got, `n ${n}, bound ${bound}`).toEqual(filter(v, bound));
      }
    }
  });

  it('keeps NaN (it is not below the bound) and the bound itself', () => {
    const v = Float32Array.of(0.1, Number.NaN, 0.5, 0.2, 0.7, 0.5, 0.4, Number.NaN, 0.9);
    const got = keepAbove(v, 0.5, 9) as Float32Array;
    expect([...got]).toEqual([Number.NaN, 0.5, Math.fround(0.7), 0.5, Number.NaN, Math.fround(0.9)]);
  });

  it('answers null when more values than the cap are kept, in the vector part and in the tail', () => {
    const v = Float32Array.from({ length: 10 }, (_, i) => i);
    expect(keepAbove(v, 2, 8)?.length).toBe(8);
    expect(keepAbove(v, 2, 7)).toBeNull();
    expect(keepAbove(v, 2, 6)).toBeNull(); // past the cap inside the vectors (2..7 are the first 6)
    expect(
      keepAbove(
        Float32Array.from({ length: 9 }, (_, i) => i),
        0,
        8,
      ),
    ).toBeNull(); // the 9th value, in the tail
  });
});
