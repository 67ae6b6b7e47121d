/** Per output index: the first input index and the normalised weights of the inputs it reads. */
interface Taps {
  start: number[];
  weights: Float64Array[];
}

/**
 * Bilinear (triangle) filter taps, antialiased when shrinking, as PIL's `resize(BILINEAR)` and
 * PyTorch's `interpolate(mode='bilinear', align_corners=False, antialias=True)` compute them:
 * s = in/out, f = max(s, 1), centre c = (o + ½)·s, weights w(i) = max(0, 1 − |(i + ½ − c)/f|)
 * over i ∈ [⌊c − f + ½⌋, ⌊c + f + ½⌋), normalised to sum 1.
 */
function taps(inSize: number, outSize: number): Taps {
  const s = inSize / outSize;
  const f = Math.max(s, 1);
  const start: number[] = [];
  const weights: Float64Array[] = [];
  for (let o = 0; o < outSize; o++) {
    const c = (o + 0.5) * s;
    const lo = Math.max(Math.trunc(c - f + 0.5), 0);
    const hi = Math.min(Math.trunc(c + f + 0.5), inSize);
    const w = new Float64Array(hi - lo);
    let sum = 0;
    for (let i = lo; i < hi; i++) sum += w[i - lo] = Math.max(0, 1 - Math.abs((i + 0.5 - c) / f));
    for (let k = 0; k < w.length; k++) w[k] /= sum;
    start.push(lo);
    weights.push(w);
  }
  return { start, weights };
}

/**
 * Resizes one HWC image to `[outH, outW]` with antialiased bilinear filtering (see `taps`): rows
 * first, then columns, in floating point (PIL rounds to bytes between the passes; the difference
 * is ≤ ½ of a grey level).
 *
 * @example const small = resizeBilinear(pixels, 56, 56, 1, 28, 28); // 2×2 box average for a halving
 */
export function resizeBilinear(src: Float32Array, h: number, w: number, c: number, outH: number, outW: number): Float32Array {
  if (h === outH && w === outW) return src;
  const tx = taps(w, outW);
  const mid = new Float64Array(h * outW * c);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < outW; x++)
      for (let ch = 0; ch < c; ch++) {
        let acc = 0;
        const wts = tx.weights[x];
        for (let k = 0; k < wts.length; k++) acc += wts[k] * src[(y * w + tx.start[x] + k) * c + ch];
        mid[(y * outW + x) * c + ch] = acc;
      }
  const ty = taps(h, outH);
  const out = new Float32Array(outH * outW * c);
  for (let y = 0; y < outH; y++) {
    const wts = ty.weights[y];
    for (let x = 0; x < outW; x++)
      for (let ch = 0; ch < c; ch++) {
        let acc = 0;
        for (let k = 0; k < wts.length; k++) acc += wts[k] * mid[((ty.start[y] + k) * outW + x) * c + ch];
        out[(y * outW + x) * c + ch] = acc;
      }
  }
  return out;
}
