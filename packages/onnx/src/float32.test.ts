import { describe, expect, it } from 'vitest';
import { shortestFloat32 } from './float32.js';

describe('shortestFloat32', () => {
  it('gives the shortest decimal of the same float32', () => {
    expect(shortestFloat32(Math.fround(1e-3))).toBe(0.001);
    expect(shortestFloat32(Math.fround(1e-5))).toBe(1e-5);
    expect(shortestFloat32(1 - shortestFloat32(Math.fround(0.9)))).toBe(0.1);
    expect(shortestFloat32(Math.fround(2.7182817))).toBe(2.7182817);
    expect(Math.fround(shortestFloat32(Math.fround(0.123456789)))).toBe(Math.fround(0.123456789));
    expect(shortestFloat32(Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
  });
});
