import { at, forLoop, i32Sum, ifThen, increment, unless } from './control.js';
import { body, I32, V128, type ValType } from './encode.js';
import { frame } from './frame.js';
import { op } from './opcodes.js';
import type { ConvGeometry } from './conv-geometry.js';

const get = op.localGet;
const set = op.localSet;
const i32 = op.i32Const;

/** Output channels summed per pass: 8 vectors of 4 (the accumulators stay in registers). */
const BLOCK_VECTORS = 8;

/**
 * `accumulate(images, starts, idx, val, w, y)`: for each output pixel and each block of up to 32
 * output channels, y = Σ over taps (kh, kw order) and the tap pixel's non-zero channels (c order)
 * of x·W — the order of XNNPACK's dense kernels, so skipping the zeros changes no bit. The code is
 * specialised to the geometry: taps unrolled, weight offsets constant (why it is emitted per layer).
 */
export function sparseAccumulate(G: ConvGeometry): number[] {
  const vectors = G.M / 4;
  const accumulators = Math.min(BLOCK_VECTORS, vectors);
  const accs: Record<string, ValType> = Object.fromEntries(Array.from({ length: accumulators }, (_, k) => [`acc${k}`, V128]));
  // n: image; i, j: output row, column; nb: the image's first input row; r0, q0: the window's top-left input cell;
  // r, q: the tap's cell; e, end: its entries (byte offsets); wp: the weight row; yp: the output pixel; p: &starts[cell]
  const [$, sig] = frame(
    { images: I32, starts: I32, idx: I32, val: I32, w: I32, y: I32 },
    { n: I32, i: I32, j: I32, nb: I32, r0: I32, q0: I32, r: I32, q: I32, e: I32, end: I32, wp: I32, yp: I32, p: I32, xv: V128, ...accs },
  );
  const acc = (k: number) => ($ as Record<string, number>)[`acc${k}`];
  const blocks: Array<[number, number]> = []; // [first vector, vectors]
  for (let b = 0; b < vectors; b += BLOCK_VECTORS) blocks.push([b, Math.min(BLOCK_VECTORS, vectors - b)]);
  const inside = (origin: number, d: number, cell: number, size: number) => [...i32Sum(get(origin), i32(d)), ...op.localTee(cell), ...i32(size), ...op.i32LtU];
  /** acc_k += x · W[u, v, c, first + k] for every listed entry of the tap's cell. */
  const entries = (u: number, v: number, first: number, count: number) => [
    ...at($.val, $.e),
    ...op.f32Load(),
    ...op.f32x4Splat,
    ...set($.xv),
    ...get($.w),
    ...at($.idx, $.e),
    ...op.i32Load(),
    ...op.i32Add,
    ...set($.wp),
    ...Array.from({ length: count }, (_, k) => [
      ...get(acc(k)),
      ...get($.xv),
      ...get($.wp),
      ...op.v128Load(((u * G.kw + v) * G.C * G.M + (first + k) * 4) * 4),
      ...op.f32x4Mul,
      ...op.f32x4Add,
      ...set(acc(k)),
    ]).flat(),
  ];
  const tap = (u: number, v: number, first: number, count: number) =>
    ifThen(
      [...inside($.r0, u, $.r, G.H), ...inside($.q0, v, $.q, G.W), ...op.i32And],
      [
        // p = &starts[(nb + r)·W + q]; e = starts[p] … end = starts[p + 1]
        ...i32Sum(get($.nb), get($.r)),
        ...i32(G.W),
        ...op.i32Mul,
        ...get($.q),
        ...op.i32Add,
        ...i32(4),
        ...op.i32Mul,
        ...get($.starts),
        ...op.i32Add,
        ...op.localTee($.p),
        ...op.i32Load(),
        ...set($.e),
        ...get($.p),
        ...op.i32Load(4),
        ...set($.end),
        ...unless(
          [...get($.e), ...get($.end), ...op.i32GeU],
          [...op.loop, ...entries(u, v, first, count), ...i32Sum(get($.e), i32(4)), ...op.localTee($.e), ...get($.end), ...op.i32LtU, ...op.brIf(0), ...op.end],
        ),
      ],
    );
  const pixel = blocks.flatMap(([first, count]) => [
    ...Array.from({ length: count }, (_, k) => [...i32(0), ...op.i32x4Splat, ...set(acc(k))]).flat(),
    ...Array.from({ length: G.kh }, (_, u) => Array.from({ length: G.kw }, (_, v) => tap(u, v, first, count)).flat()).flat(),
    ...Array.from({ length: count }, (_, k) => [...get($.yp), ...get(acc(k)), ...op.v128Store((first + k) * 16)]).flat(),
  ]);
  /** local ← index·stride − pad. */
  const origin = (local: number, index: number, stride: number, pad: number) => [
    ...get(index),
    ...i32(stride),
    ...op.i32Mul,
    ...i32(pad),
    ...op.i32Sub,
    ...set(local),
  ];
  const code = [
    ...get($.y),
    ...set($.yp),
    ...forLoop($.n, get($.images), i32(1), [
      ...get($.n),
      ...i32(G.H),
      ...op.i32Mul,
      ...set($.nb),
      ...forLoop($.i, i32(G.Ho), i32(1), [
        ...origin($.r0, $.i, G.sh, G.pt),
        ...forLoop($.j, i32(G.Wo), i32(1), [...origin($.q0, $.j, G.sw, G.pl), ...pixel, ...increment($.yp, i32(G.M * 4))]),
      ]),
    ]),
  ];
  return body(sig.locals, code);
}
