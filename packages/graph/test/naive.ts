// Plain-loop reference implementations, written from the definitions, to check the tfjs layers.

/** Deterministic test values in [-1, 1). */
export function values(n: number, seed = 1): number[] {
  let a = seed >>> 0;
  return Array.from({ length: n }, () => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return a / 2 ** 31 - 1;
  });
}

export interface ConvOpts {
  strides: [number, number];
  pads: [number, number, number, number];
  dilations: [number, number];
  groups: number;
}

/** NHWC x [n, h, w, c], HWIO weight [kh, kw, c/g, m] → NHWC output, zero padding. */
export function naiveConv(x: number[], xs: number[], w: number[], ws: number[], bias: number[] | null, o: ConvOpts): { data: number[]; shape: number[] } {
  const [n, h, wd, c] = xs;
  const [kh, kw, cg, m] = ws;
  const [sh, sw] = o.strides;
  const [pt, pl, pb, pr] = o.pads;
  const [dh, dw] = o.dilations;
  const oh = Math.floor((h + pt + pb - dh * (kh - 1) - 1) / sh) + 1;
  const ow = Math.floor((wd + pl + pr - dw * (kw - 1) - 1) / sw) + 1;
  const mg = m / o.groups;
  const out: number[] = [];
  for (let b = 0; b < n; b++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let oc = 0; oc < m; oc++) {
          const g = Math.floor(oc / mg);
          let s = bias ? bias[oc] : 0;
          for (let u = 0; u < kh; u++)
            for (let v = 0; v < kw; v++) {
              const y = i * sh + u * dh - pt;
              const xx = j * sw + v * dw - pl;
              if (y < 0 || y >= h || xx < 0 || xx >= wd) continue;
              for (let ci = 0; ci < cg; ci++) {
                s += x[((b * h + y) * wd + xx) * c + g * cg + ci] * w[((u * kw + v) * cg + ci) * m + oc];
              }
            }
          out.push(s);
        }
  return { data: out, shape: [n, oh, ow, m] };
}

/** Pooling reference: 'avg' with or without counting pads, or 'max' (pads never win). */
export function naivePool(
  x: number[],
  xs: number[],
  kind: 'avg' | 'max',
  k: [number, number],
  s: [number, number],
  p: [number, number, number, number],
  countIncludePad: boolean,
): { data: number[]; shape: number[] } {
  const [n, h, wd, c] = xs;
  const oh = Math.floor((h + p[0] + p[2] - k[0]) / s[0]) + 1;
  const ow = Math.floor((wd + p[1] + p[3] - k[1]) / s[1]) + 1;
  const out: number[] = [];
  for (let b = 0; b < n; b++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let ch = 0; ch < c; ch++) {
          let acc = kind === 'max' ? Number.NEGATIVE_INFINITY : 0;
          let count = 0;
          for (let u = 0; u < k[0]; u++)
            for (let v = 0; v < k[1]; v++) {
              const y = i * s[0] + u - p[0];
              const xx = j * s[1] + v - p[1];
              if (y < 0 || y >= h || xx < 0 || xx >= wd) continue;
              const val = x[((b * h + y) * wd + xx) * c + ch];
              acc = kind === 'max' ? Math.max(acc, val) : acc + val;
              count++;
            }
          out.push(kind === 'max' ? acc : acc / (countIncludePad ? k[0] * k[1] : count));
        }
  return { data: out, shape: [n, oh, ow, c] };
}

/** Max |a − b| over two equal-length arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}
