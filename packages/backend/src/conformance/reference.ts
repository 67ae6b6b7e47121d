/**
 * Plain float64 reference implementations (NHWC, HWIO) used as the second implementation that every
 * backend is checked against. Deliberately naive loops: easy to read, hard to get subtly wrong.
 */
export interface Nd {
  shape: number[];
  data: Float64Array;
}

export const nd = (shape: number[], data: ArrayLike<number>): Nd => ({ shape, data: Float64Array.from(data) });

/** Deterministic pseudo-random values in [-1, 1) (xorshift32): tests need the same data on every backend. */
export function seeded(shape: number[], seed: number): Nd {
  let s = seed >>> 0 || 1;
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    data[i] = ((s >>> 0) / 2 ** 32) * 2 - 1;
  }
  return { shape, data };
}

export interface ConvSpec {
  stride: [number, number];
  dilation: [number, number];
  /** top, bottom, left, right zero padding */
  pad: [number, number, number, number];
}

/** y[b,oh,ow,co] = Σ_{kh,kw,ci} x[b, oh·s + kh·d − pt, ow·s + kw·d − pl, ci] · w[kh,kw,ci,co] */
export function conv2dRef(x: Nd, w: Nd, spec: ConvSpec): Nd {
  const [B, H, W, C] = x.shape;
  const [KH, KW, , CO] = w.shape;
  const [sh, sw] = spec.stride;
  const [dh, dw] = spec.dilation;
  const [pt, pb, pl, pr] = spec.pad;
  const OH = Math.floor((H + pt + pb - (KH - 1) * dh - 1) / sh) + 1;
  const OW = Math.floor((W + pl + pr - (KW - 1) * dw - 1) / sw) + 1;
  const out = new Float64Array(B * OH * OW * CO);
  for (let b = 0; b < B; b++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++)
        for (let co = 0; co < CO; co++) {
          let acc = 0;
          for (let kh = 0; kh < KH; kh++)
            for (let kw = 0; kw < KW; kw++) {
              const ih = oh * sh + kh * dh - pt;
              const iw = ow * sw + kw * dw - pl;
              if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
              for (let ci = 0; ci < C; ci++) acc += x.data[((b * H + ih) * W + iw) * C + ci] * w.data[((kh * KW + kw) * C + ci) * CO + co];
            }
          out[((b * OH + oh) * OW + ow) * CO + co] = acc;
        }
  return { shape: [B, OH, OW, CO], data: out };
}

/** C = A·B for A [m,k], B [k,n]. */
export function matMulRef(a: Nd, b: Nd): Nd {
  const [m, k] = a.shape;
  const n = b.shape[1];
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) out[i * n + j] += a.data[i * k + p] * b.data[p * n + j];
  return { shape: [m, n], data: out };
}

/** Pooling with a k×k window and stride s, no padding: mean or max per window. */
export function poolRef(x: Nd, k: number, s: number, kind: 'avg' | 'max'): Nd {
  const [B, H, W, C] = x.shape;
  const OH = Math.floor((H - k) / s) + 1;
  const OW = Math.floor((W - k) / s) + 1;
  const out = new Float64Array(B * OH * OW * C);
  for (let b = 0; b < B; b++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++)
        for (let c = 0; c < C; c++) {
          let acc = kind === 'max' ? -Infinity : 0;
          for (let i = 0; i < k; i++)
            for (let j = 0; j < k; j++) {
              const v = x.data[((b * H + oh * s + i) * W + ow * s + j) * C + c];
              acc = kind === 'max' ? Math.max(acc, v) : acc + v / (k * k);
            }
          out[((b * OH + oh) * OW + ow) * C + c] = acc;
        }
  return { shape: [B, OH, OW, C], data: out };
}

/**
 * ∂L/∂p by central differences of the float64 reference, for L = Σ f(p) ⊙ r.
 * For the linear ops (conv, matmul, avg-pool) this is exact up to rounding.
 */
export function numericGrad(f: (p: Nd) => Nd, p: Nd, r: Nd, h = 1e-3): Nd {
  const g = new Float64Array(p.data.length);
  const loss = (q: Nd) => f(q).data.reduce((acc, v, i) => acc + v * r.data[i], 0);
  for (let i = 0; i < p.data.length; i++) {
    const up = { shape: p.shape, data: Float64Array.from(p.data) };
    const dn = { shape: p.shape, data: Float64Array.from(p.data) };
    up.data[i] += h;
    dn.data[i] -= h;
    g[i] = (loss(up) - loss(dn)) / (2 * h);
  }
  return { shape: p.shape, data: g };
}
