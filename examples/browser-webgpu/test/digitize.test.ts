import { describe, expect, it } from 'vitest';
import { digitize, digitizeRgba } from '../src/digitize.js';

/** A size × size canvas with the rectangle [x0, x1) × [y0, y1) inked. */
function rect(size: number, x0: number, y0: number, x1: number, y1: number): Float32Array {
  const p = new Float32Array(size * size);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) p[y * size + x] = 1;
  return p;
}

function box(d: Float32Array): { w: number; h: number; cx: number; cy: number } {
  let [x0, y0, x1, y1, m, mx, my] = [28, 28, -1, -1, 0, 0, 0];
  d.forEach((v, i) => {
    if (v <= 0) return;
    const x = i % 28;
    const y = Math.floor(i / 28);
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    m += v;
    mx += v * x;
    my += v * y;
  });
  return { w: x1 - x0 + 1, h: y1 - y0 + 1, cx: mx / m, cy: my / m };
}

describe('digitize: a drawing → an MNIST-like 28×28 digit', () => {
  it('gives zeros for an empty pad', () => {
    expect(digitize(new Float32Array(280 * 280), 280).every((v) => v === 0)).toBe(true);
  });

  it('scales the ink so its longer side is 20 px and centres its mass, wherever it was drawn', () => {
    for (const [x0, y0] of [
      [10, 10],
      [150, 40],
      [60, 200],
    ]) {
      const d = digitize(rect(280, x0, y0, x0 + 40, y0 + 70), 280);
      const b = box(d);
      expect(b.h).toBe(20);
      expect(b.w).toBe(11); // 40 · 20/70 = 11.4
      expect(Math.abs(b.cx - 13.5)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(b.cy - 13.5)).toBeLessThanOrEqual(0.5);
      expect(Math.max(...d)).toBe(1);
    }
  });

  it('keeps grey levels in [0, 1] and averages partly inked cells', () => {
    const p = rect(100, 20, 20, 80, 80);
    for (let y = 20; y < 80; y++) p[y * 100 + 50] = 0; // a thin black line through the square
    const d = digitize(p, 100);
    expect(d.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(d.some((v) => v > 0 && v < 1)).toBe(true);
  });

  it('digitizeRgba reads the grey level off the red channel (red / 255), as the pad paints white ink', () => {
    const grey = rect(100, 30, 10, 60, 90);
    grey[55 * 100 + 40] = 0.6; // 153 / 255
    const rgba = new Uint8ClampedArray(4 * grey.length);
    grey.forEach((v, i) => {
      rgba.set([255 * v, 7, 7, 255], 4 * i); // green/blue ignored
    });
    expect(digitizeRgba(rgba, 100)).toEqual(digitize(grey, 100));
  });
});
