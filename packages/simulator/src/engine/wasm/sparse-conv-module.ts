import { body, I32, moduleBytes, op, V128 } from './encode.js';

/** A convolution's geometry (NHWC input `[H, W, C]`, HWIO weights `[kh, kw, C, M]`, no dilation, one group). */
export interface ConvGeometry {
  H: number;
  W: number;
  C: number;
  M: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  /** Padding before the first row and column. */
  pt: number;
  pl: number;
  Ho: number;
  Wo: number;
}

const g = op.get;
const set = op.set;
const i32 = op.i32;
const add = op.i32Add;

/** `for (local = 0; local < end; local += step)`, the trip count known to be ≥ 1. */
function loop(local: number, end: number[], step: number[], inner: number[]): number[] {
  return [...i32(0), ...set(local), ...op.loop, ...inner, ...g(local), ...step, ...add, ...op.tee(local), ...end, ...op.i32LtU, ...op.brIf(0), ...op.end];
}

/**
 * `compress(x, pixels, starts, idx, val) → count`: the non-zero values of each pixel's C channels
 * as a list (`idx` the weight row's byte offset c·M·4, `val` the value), pixel p's entries being
 * `starts[p] .. starts[p + 1]`.
 */
function compress(G: ConvGeometry): number[] {
  const [X, PIXELS, STARTS, IDX, VAL] = [0, 1, 2, 3, 4];
  const [p, k, c, v, xp] = [5, 6, 7, 8, 9]; // v is the f32 local
  /** Channel at byte offset c + lane, branch-free: the entry is written at k always, k advances only for a non-zero value. */
  const entry = (lane: number) => [
    ...g(IDX),
    ...g(k),
    ...add,
    ...g(c),
    ...i32(lane),
    ...add,
    ...i32(G.M),
    ...op.i32Mul,
    ...op.i32Store(),
    ...g(VAL),
    ...g(k),
    ...add,
    ...g(xp),
    ...g(c),
    ...add,
    ...op.f32Load(lane),
    ...op.tee(v),
    ...op.f32Store(),
    ...g(k),
    ...g(v),
    ...op.f32Const0,
    ...op.f32Ne,
    ...i32(2),
    ...op.i32Shl,
    ...add,
    ...set(k),
  ];
  const code = [
    ...g(X),
    ...set(xp),
    ...loop(p, g(PIXELS), i32(1), [
      ...g(STARTS),
      ...g(p),
      ...i32(4),
      ...op.i32Mul,
      ...add,
      ...g(k),
      ...op.i32Store(),
      // four channels at a time when C allows: most quads of spikes are all zero
      ...(G.C % 4 === 0
        ? loop(c, i32(G.C * 4), i32(16), [...g(xp), ...g(c), ...add, ...op.load, ...op.anyTrue, ...op.if, ...[0, 4, 8, 12].flatMap(entry), ...op.end])
        : loop(c, i32(G.C * 4), i32(4), entry(0))),
      ...g(xp),
      ...i32(G.C * 4),
      ...add,
      ...set(xp),
    ]),
    ...g(STARTS),
    ...g(PIXELS),
    ...i32(4),
    ...op.i32Mul,
    ...add,
    ...g(k),
    ...op.i32Store(),
    ...g(k),
  ];
  // locals after the 5 params: p, k (byte offset of the next entry), c (byte offset in the pixel), v (f32), xp
  return body(
    [
      [3, I32],
      [1, 0x7d],
      [1, I32],
    ],
    code,
  );
}

/**
 * `accumulate(images, starts, idx, val, w, y)`: for each output pixel and each block of up to 32
 * output channels, Σ over taps (kh, kw order) and the tap pixel's non-zero channels (c order) of
 * x·W — the order of XNNPACK's dense kernels, so skipping the zeros changes no bit.
 */
function accumulate(G: ConvGeometry): number[] {
  const [N, STARTS, IDX, VAL, WT, Y] = [0, 1, 2, 3, 4, 5];
  const [n, i, j, nb, r0, q0, r, q, e, end, wp, yp, p] = Array.from({ length: 13 }, (_, k) => 6 + k);
  const xv = 19;
  const acc = (k: number) => 20 + k;
  const vectors = G.M / 4;
  const blocks: Array<[number, number]> = []; // [first vector, vectors]
  for (let b = 0; b < vectors; b += 8) blocks.push([b, Math.min(8, vectors - b)]);
  const tap = (u: number, v: number, first: number, count: number) => [
    ...g(r0),
    ...i32(u),
    ...add,
    ...op.tee(r),
    ...i32(G.H),
    ...op.i32LtU,
    ...g(q0),
    ...i32(v),
    ...add,
    ...op.tee(q),
    ...i32(G.W),
    ...op.i32LtU,
    ...op.i32And,
    ...op.if,
    // p = ((nb + r)·W + q)·4; e = starts[p]·4 … end = starts[p + 1]·4 (entries are stored as byte offsets)
    ...g(nb),
    ...g(r),
    ...add,
    ...i32(G.W),
    ...op.i32Mul,
    ...g(q),
    ...add,
    ...i32(4),
    ...op.i32Mul,
    ...g(STARTS),
    ...add,
    ...op.tee(p),
    ...op.i32Load(),
    ...set(e),
    ...g(p),
    ...op.i32Load(4),
    ...set(end),
    ...op.block,
    ...g(e),
    ...g(end),
    ...op.i32GeU,
    ...op.brIf(0),
    ...op.loop,
    ...g(VAL),
    ...g(e),
    ...add,
    ...op.f32Load(),
    ...op.splat,
    ...set(xv),
    ...g(WT),
    ...g(IDX),
    ...g(e),
    ...add,
    ...op.i32Load(),
    ...add,
    ...set(wp),
    ...Array.from({ length: count }, (_, k) => [
      ...g(acc(k)),
      ...g(xv),
      ...g(wp),
      ...op.loadAt(((u * G.kw + v) * G.C * G.M + (first + k) * 4) * 4),
      ...op.mul,
      ...op.add,
      ...set(acc(k)),
    ]).flat(),
    ...g(e),
    ...i32(4),
    ...add,
    ...op.tee(e),
    ...g(end),
    ...op.i32LtU,
    ...op.brIf(0),
    ...op.end,
    ...op.end,
    ...op.end,
  ];
  const pixel = blocks.flatMap(([first, count]) => [
    ...Array.from({ length: count }, (_, k) => [...i32(0), ...op.i32x4Splat, ...set(acc(k))]).flat(),
    ...Array.from({ length: G.kh }, (_, u) => Array.from({ length: G.kw }, (_, v) => tap(u, v, first, count)).flat()).flat(),
    ...Array.from({ length: count }, (_, k) => [...g(yp), ...g(acc(k)), ...op.storeAt((first + k) * 16)]).flat(),
  ]);
  const code = [
    ...g(Y),
    ...set(yp),
    ...loop(n, g(N), i32(1), [
      ...g(n),
      ...i32(G.H),
      ...op.i32Mul,
      ...set(nb),
      ...loop(i, i32(G.Ho), i32(1), [
        ...g(i),
        ...i32(G.sh),
        ...op.i32Mul,
        ...i32(G.pt),
        ...op.i32Sub,
        ...set(r0),
        ...loop(j, i32(G.Wo), i32(1), [
          ...g(j),
          ...i32(G.sw),
          ...op.i32Mul,
          ...i32(G.pl),
          ...op.i32Sub,
          ...set(q0),
          ...pixel,
          ...g(yp),
          ...i32(G.M * 4),
          ...add,
          ...set(yp),
        ]),
      ]),
    ]),
  ];
  return body(
    [
      [13, I32],
      [1 + Math.min(8, vectors), V128],
    ],
    code,
  );
}

/** `bias(y, b, pixels)`: y[p, o] ← y[p, o] + b[o] (float32, as `tf.add`), four channels at a time. */
function bias(G: ConvGeometry): number[] {
  const [Y, B, PIXELS] = [0, 1, 2];
  const [p, o, yp] = [3, 4, 5];
  const code = [
    ...g(Y),
    ...set(yp),
    ...loop(p, g(PIXELS), i32(1), [
      ...loop(o, i32(G.M * 4), i32(16), [
        ...g(yp),
        ...g(o),
        ...add,
        ...g(yp),
        ...g(o),
        ...add,
        ...op.load,
        ...g(B),
        ...g(o),
        ...add,
        ...op.load,
        ...op.add,
        ...op.store,
      ]),
      ...g(yp),
      ...i32(G.M * 4),
      ...add,
      ...set(yp),
    ]),
  ];
  return body([[3, I32]], code);
}

/** True when the sparse kernels can compute this convolution (output channels a multiple of 4). */
export function sparseConvFits(G: ConvGeometry): boolean {
  return G.M % 4 === 0 && G.M > 0;
}

/** A module with `compress`, `accumulate` and `bias` specialised to one convolution's geometry. */
export function sparseConvModuleBytes(G: ConvGeometry): Uint8Array<ArrayBuffer> {
  return moduleBytes([
    ['compress', [I32, I32, I32, I32, I32], compress(G), [I32]],
    ['accumulate', [I32, I32, I32, I32, I32, I32], accumulate(G)],
    ['bias', [I32, I32, I32], bias(G)],
  ]);
}
