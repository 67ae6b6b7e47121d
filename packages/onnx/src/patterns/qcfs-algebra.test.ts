import { describe, expect, it } from 'vitest';
import { type ChainStep, proveQcfs } from './qcfs-algebra.js';

const aff = (m: number | number[], c: number | number[] = 0): ChainStep => ({ kind: 'affine', m: [m].flat(), c: [c].flat() });
const clip = (lo: number, hi: number): ChainStep => ({ kind: 'clip', lo: [lo], hi: [hi] });
const floor: ChainStep = { kind: 'floor' };
const INF = Number.POSITIVE_INFINITY;

describe('proveQcfs', () => {
  it("Bu et al.'s order: x/λ, clip(0, 1), ·L + ½, ⌊·⌋, /L, ·λ gives λ and L", () => {
    expect(proveQcfs([aff(1 / 2), clip(0, 1), aff(8, 0.5), floor, aff(1 / 8), aff(2)])).toEqual({ ok: true, lambda: [2], levels: 8 });
  });

  it('the formula order λ·clip(⌊x·L/λ + ½⌋/L, 0, 1), per channel', () => {
    const r = proveQcfs([aff([4 / 2, 4 / 0.5], 0.5), floor, aff(1 / 4), clip(0, 1), aff([2, 0.5])]);
    expect(r).toEqual({ ok: true, lambda: [2, 0.5], levels: 4 });
  });

  it('an integer shift inside the floor undone outside: ⌊x·L/λ + 3½⌋ − 3, then clip to [0, L] and ·λ/L', () => {
    const r = proveQcfs([aff(6 / 3, 3.5), floor, aff(1, -3), clip(0, 6), aff(3 / 6)]);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.levels).toBe(6);
      expect(r.lambda[0]).toBeCloseTo(3, 12);
    }
    // ReLU then Min(L) after the floor: clip(0, ∞) then clip(−∞, L).
    expect(proveQcfs([aff(2, 0.5), floor, clip(0, INF), clip(-INF, 4), aff(0.5)])).toEqual({ ok: true, lambda: [2], levels: 4 });
  });

  it('refuses what is not QCFS, saying why', () => {
    const why = (steps: ChainStep[]) => {
      const r = proveQcfs(steps);
      return r.ok ? 'proved' : r.reason;
    };
    expect(why([aff(2, 0.3), floor, clip(0, 4), aff(0.5)])).toBe('the offset added before Floor is 0.3 steps, not ½');
    expect(why([aff(2, 0.5), floor, aff(0.5)])).toBe('the output is clipped below at -Infinity, not 0');
    expect(why([aff(2, 0.5), floor, clip(0, 4), aff(0.5, 0.1)])).toBe('the output is offset by 0.1');
    expect(why([aff(2, 0.5), floor, clip(0, 7.5), aff(0.5)])).toBe('the output is clipped above at 7.5 levels, not a whole number ≥ 1');
    expect(why([aff(3, 0.5), floor, clip(0, 4), aff(0.5)])).toBe('the scale before Floor (3) is not the inverse of the step after it (0.5)');
    expect(why([aff(2, 0.5), clip(0, 4), aff(0.5)])).toBe('the chain has 0 Floor ops (QCFS has one)');
    expect(why([aff([2, 2], 0.5), floor, clip(0, 4), { kind: 'clip', lo: [0], hi: [4, 3] }, aff(0.5)])).toBe('channels have different levels (4 and 3)');
    // A clip before the floor that cuts inside a level: ⌊clip(u, 0, 2.7)⌋ tops out at 2 = L, still QCFS with L = 2.
    expect(proveQcfs([aff(2, 0.5), clip(0, 2.7), floor, aff(1), aff(0.5)])).toEqual({ ok: true, lambda: [1], levels: 2 });
  });
});
