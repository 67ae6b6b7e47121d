// Naive NCHW reference implementations of ONNX ops, for checking the importer's layout changes.
import { createRng } from '@snn/core';

export interface T {
  dims: number[];
  data: Float32Array;
}

const at = (d: number[], ...i: number[]) => i.reduce((acc, v, k) => acc * d[k] + v, 0);

/** ONNX Conv (2-D, group, pads [t, l, b, r], strides, dilations 1). */
export function conv(x: T, w: T, b: Float32Array | undefined, pads: number[], strides: number[], group = 1): T {
  const [n, , h, wd] = x.dims;
  const [m, cg, kh, kw] = w.dims;
  const ho = Math.floor((h + pads[0] + pads[2] - kh) / strides[0]) + 1;
  const wo = Math.floor((wd + pads[1] + pads[3] - kw) / strides[1]) + 1;
  const out = new Float32Array(n * m * ho * wo);
  for (let ni = 0; ni < n; ni++)
    for (let o = 0; o < m; o++) {
      const g = Math.floor(o / (m / group));
      for (let i = 0; i < ho; i++)
        for (let j = 0; j < wo; j++) {
          let s = b ? b[o] : 0;
          for (let ci = 0; ci < cg; ci++)
            for (let u = 0; u < kh; u++)
              for (let v = 0; v < kw; v++) {
                const y = i * strides[0] + u - pads[0];
                const xx = j * strides[1] + v - pads[1];
                if (y < 0 || y >= h || xx < 0 || xx >= wd) continue;
                s += x.data[at(x.dims, ni, g * cg + ci, y, xx)] * w.data[at(w.dims, o, ci, u, v)];
              }
          out[at([n, m, ho, wo], ni, o, i, j)] = s;
        }
    }
  return { dims: [n, m, ho, wo], data: out };
}

/** ONNX AveragePool / MaxPool (2-D) over an input padded by `pads`, with count_include_pad for avg. */
export function pool(kind: 'avg' | 'max', x: T, k: number[], strides: number[], pads: number[], countIncludePad: boolean): T {
  const [n, c, h, w] = x.dims;
  const ho = Math.floor((h + pads[0] + pads[2] - k[0]) / strides[0]) + 1;
  const wo = Math.floor((w + pads[1] + pads[3] - k[1]) / strides[1]) + 1;
  const out = new Float32Array(n * c * ho * wo);
  for (let ni = 0; ni < n; ni++)
    for (let ci = 0; ci < c; ci++)
      for (let i = 0; i < ho; i++)
        for (let j = 0; j < wo; j++) {
          let s = kind === 'avg' ? 0 : Number.NEGATIVE_INFINITY;
          let count = 0;
          for (let u = 0; u < k[0]; u++)
            for (let v = 0; v < k[1]; v++) {
              const y = i * strides[0] + u - pads[0];
              const xx = j * strides[1] + v - pads[1];
              const inside = y >= 0 && y < h && xx >= 0 && xx < w;
              if (inside || countIncludePad) count++;
              if (!inside) continue;
              const val = x.data[at(x.dims, ni, ci, y, xx)];
              s = kind === 'avg' ? s + val : Math.max(s, val);
            }
          out[at([n, c, ho, wo], ni, ci, i, j)] = kind === 'avg' ? s / count : s;
        }
  return { dims: [n, c, ho, wo], data: out };
}

/** Zero-pads H and W. */
export function pad2d(x: T, p: number[], value = 0): T {
  const [n, c, h, w] = x.dims;
  const dims = [n, c, h + p[0] + p[2], w + p[1] + p[3]];
  const out = new Float32Array(dims.reduce((a, b) => a * b)).fill(value);
  for (let ni = 0; ni < n; ni++)
    for (let ci = 0; ci < c; ci++)
      for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) out[at(dims, ni, ci, i + p[0], j + p[1])] = x.data[at(x.dims, ni, ci, i, j)];
  return { dims, data: out };
}

/** y = x·Wᵀ + b with W `[out, in]` (Gemm transB=1). */
export function linearT(x: T, w: T, b?: Float32Array): T {
  const [n, k] = [x.dims[0], x.data.length / x.dims[0]];
  const m = w.dims[0];
  const out = new Float32Array(n * m);
  for (let i = 0; i < n; i++)
    for (let o = 0; o < m; o++) {
      let s = b ? b[o] : 0;
      for (let j = 0; j < k; j++) s += x.data[i * k + j] * w.data[o * k + j];
      out[i * m + o] = s;
    }
  return { dims: [n, m], data: out };
}

export const relu = (x: T): T => ({ dims: x.dims, data: x.data.map((v) => Math.max(0, v)) });

/** mulberry32, the project's one seeded generator (@snn/core), under the name these helpers use. */
export const mulberry32 = createRng;

/** A seeded uniform [-1, 1) tensor (mulberry32). */
export function rand(dims: number[], seed: number): T {
  const next = mulberry32(seed);
  const data = new Float32Array(dims.reduce((p, d) => p * d, 1));
  for (let i = 0; i < data.length; i++) data[i] = next() * 2 - 1;
  return { dims, data };
}
