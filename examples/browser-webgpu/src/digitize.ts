/**
 * Turns a drawing into an MNIST-like 28×28 digit, the way MNIST itself was made: the ink's
 * bounding box is scaled (area-averaged) so its longer side is 20 px, then placed so its centre of
 * mass sits at the centre of the 28×28 field. Input and output are grey levels in [0, 1], row-major.
 *
 * @param pixels `size × size` grey levels (white ink = 1 on black = 0)
 * @example const input = digitize(grey, 280); // Float32Array(784)
 */
export function digitize(pixels: ArrayLike<number>, size: number, field = 28, box = 20, ink = 0.05): Float32Array {
  let x0 = size;
  let y0 = size;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      if (pixels[y * size + x] > ink) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
  const out = new Float32Array(field * field);
  if (x1 < 0) return out;
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const scale = box / Math.max(w, h);
  const bw = Math.max(1, Math.round(w * scale));
  const bh = Math.max(1, Math.round(h * scale));
  // area average: every source pixel adds to the box cell it falls in
  const sum = new Float32Array(bw * bh);
  const count = new Float32Array(bw * bh);
  for (let y = y0; y <= y1; y++)
    for (let x = x0; x <= x1; x++) {
      const bx = Math.min(bw - 1, Math.floor((x - x0) * scale));
      const by = Math.min(bh - 1, Math.floor((y - y0) * scale));
      sum[by * bw + bx] += pixels[y * size + x];
      count[by * bw + bx] += 1;
    }
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < sum.length; i++) {
    const v = count[i] ? sum[i] / count[i] : 0;
    sum[i] = v;
    mass += v;
    mx += v * (i % bw);
    my += v * Math.floor(i / bw);
  }
  const ox = Math.round(field / 2 - 0.5 - mx / mass);
  const oy = Math.round(field / 2 - 0.5 - my / mass);
  for (let by = 0; by < bh; by++)
    for (let bx = 0; bx < bw; bx++) {
      const x = bx + ox;
      const y = by + oy;
      if (x >= 0 && x < field && y >= 0 && y < field) out[y * field + x] = Math.min(1, sum[by * bw + bx]);
    }
  return out;
}

/** {@link digitize} of a square RGBA image (the drawing pad's pixels): grey level = red / 255. */
export function digitizeRgba(rgba: ArrayLike<number>, size: number): Float32Array {
  const grey = new Float32Array(rgba.length / 4);
  for (let i = 0; i < grey.length; i++) grey[i] = rgba[4 * i] / 255;
  return digitize(grey, size);
}
