import { describe, expect, it } from 'vitest';
import { F32, I32, V128 } from './encode.js';
import { frame } from './frame.js';

describe('frame (named parameters and locals)', () => {
  it('numbers parameters then locals in order, and groups locals in runs of one type', () => {
    const [$, sig] = frame({ x: I32, vr: F32 }, { i: I32, j: I32, h: V128, v: F32, k: I32 });
    expect([$.x, $.vr, $.i, $.j, $.h, $.v, $.k]).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(sig.params).toEqual([I32, F32]);
    expect(sig.locals).toEqual([
      [2, I32],
      [1, V128],
      [1, F32],
      [1, I32],
    ]);
  });

  it('refuses a name given twice', () => {
    expect(() => frame({ x: I32 }, { x: I32 })).toThrow(/'x' is named twice/);
  });
});
