import { body, I32, V128, type ValType, op, at, forLoop, i32Sum, ifThen, increment, unless, frame } from '@snn/core';
import type { ConvGeometry } from './conv-geometry.js';
import { CODES } from './sparse-compress.js';

const get = op.localGet;
const set = op.localSet;
const i32 = op.i32Const;

/** Output channels summed per pass: 8 vectors of 4 (the accumulators stay in registers). */
const BLOCK_VECTORS = 8;
/** Sums of a full block stored as soon as they are made (see `entry`): two also free the multiplying kernel's x. */
const PINNED = 2;

/**
 * `accumulate(images, starts, idx, val, w, y, b)`: for each output pixel and each block of up to 32
 * output channels, y = Σ over taps (kh, kw order) and the tap pixel's non-zero channels (c order)
 * of x·W — the order of XNNPACK's dense kernels, so skipping the zeros changes no bit — and, with
 * `bias`, y = fl(Σ + b) as the sums are stored (the layer adds its bias after the convolution, as
 * `tf.add` would; `b` unused otherwise).
 *
 * One loop per tap row: the kw cells a row of the window covers are consecutive in the compressed
 * list (`starts`), so their entries are one range. An entry's `idx` is (q·C + c)·M·4 for its
 * cell's column q; with the window's first column q₀ = j·sw − pl the weight of tap (u, q − q₀) is
 * at w + u·kw·C·M·4 − q₀·C·M·4 + idx (i32 arithmetic wraps, the sum does not), so one pointer per
 * pixel serves all of its taps. The code is specialised to the geometry (offsets constant).
 */
export function sparseAccumulate(G: ConvGeometry, coded = false, bias = false): number[] {
  const vectors = G.M / 4;
  const accumulators = Math.min(BLOCK_VECTORS, vectors);
  const accs: Record<string, ValType> = Object.fromEntries(Array.from({ length: accumulators }, (_, k) => [`acc${k}`, V128]));
  const cm = G.C * G.M * 4; // bytes of one tap's weights
  const rowBytes = (coded ? CODES : 1) * G.kw * cm; // bytes of one tap row's weights (or products)
  // n: image; i, j: output row, column; nb: the image's first input row; r0, q0: the window's top-left input cell;
  // lo, hi: the window's columns clipped to the image; r: the tap row's input row; e, end: its entries (byte offsets);
  // wq: the pixel's weight pointer; wp: an entry's weights; yp: the output pixel; p: &starts[first cell]
  const [$, sig] = frame(
    { images: I32, starts: I32, idx: I32, val: I32, w: I32, y: I32, b: I32 },
    { n: I32, i: I32, j: I32, nb: I32, r0: I32, q0: I32, lo: I32, hi: I32, r: I32, e: I32, end: I32, wq: I32, wp: I32, yp: I32, p: I32, xv: V128, ...accs },
  );
  const acc = (k: number) => ($ as Record<string, number>)[`acc${k}`];
  const blocks: Array<[number, number]> = []; // [first vector, vectors]
  for (let b = 0; b < vectors; b += BLOCK_VECTORS) blocks.push([b, Math.min(BLOCK_VECTORS, vectors - b)]);
  /**
   * acc_k += x · W[u, q − q₀, c, first + k] for one entry (coded: += the precomputed product). In a
   * full block the first {@link PINNED} sums are also stored to the output pixel (which the block's
   * last store overwrites): TurboFan orders the loads by their effects and puts the pure adds after
   * all of them, so 8 loaded vectors + 8 accumulators (+ x) exceeded the 15 usable xmm registers and
   * an accumulator was spilled — a store→load round trip on its add chain every entry. A store
   * is an effect, so its add comes before the next load, and nothing is spilled; the sums are unchanged.
   */
  const entry = (u: number, first: number, count: number) => [
    ...(coded ? [] : [...at($.val, $.e), ...op.f32Load(), ...op.f32x4Splat, ...set($.xv)]),
    ...get($.wq),
    ...at($.idx, $.e),
    ...op.i32Load(),
    ...op.i32Add,
    ...set($.wp),
    ...Array.from({ length: count }, (_, k) => {
      const pin = count === BLOCK_VECTORS && k < PINNED;
      return [
        ...(pin ? get($.yp) : []),
        ...get(acc(k)),
        ...(coded ? [] : get($.xv)),
        ...get($.wp),
        ...op.v128Load(u * rowBytes + (first + k) * 16),
        ...(coded ? [] : op.f32x4Mul),
        ...op.f32x4Add,
        ...(pin ? [...op.localTee(acc(k)), ...op.v128Store((first + k) * 16)] : set(acc(k))),
      ];
    }).flat(),
  ];
  /** &starts[(nb + r)·W + column]. */
  const cellStart = (column: number) => [
    ...i32Sum(get($.nb), get($.r)),
    ...i32(G.W),
    ...op.i32Mul,
    ...get(column),
    ...op.i32Add,
    ...i32(4),
    ...op.i32Mul,
    ...get($.starts),
    ...op.i32Add,
  ];
  const tapRow = (u: number, first: number, count: number) =>
    ifThen(
      [...i32Sum(get($.r0), i32(u)), ...op.localTee($.r), ...i32(G.H), ...op.i32LtU],
      [
        ...cellStart($.lo),
        ...op.i32Load(),
        ...set($.e),
        ...cellStart($.hi),
        ...op.i32Load(),
        ...set($.end),
        ...unless(
          [...get($.e), ...get($.end), ...op.i32GeU],
          [...op.loop, ...entry(u, first, count), ...i32Sum(get($.e), i32(4)), ...op.localTee($.e), ...get($.end), ...op.i32LtU, ...op.brIf(0), ...op.end],
        ),
      ],
    );
  const pixel = blocks.flatMap(([first, count]) => [
    ...Array.from({ length: count }, (_, k) => [...i32(0), ...op.i32x4Splat, ...set(acc(k))]).flat(),
    ...Array.from({ length: G.kh }, (_, u) => tapRow(u, first, count)).flat(),
    ...Array.from({ length: count }, (_, k) => [
      ...get($.yp),
      ...get(acc(k)),
      ...(bias ? [...get($.b), ...op.v128Load((first + k) * 16), ...op.f32x4Add] : []),
      ...op.v128Store((first + k) * 16),
    ]).flat(),
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
  /** lo ← max(q₀, 0), hi ← min(q₀ + kw, W); wq ← w − q₀·C·M·4. */
  const columns = [
    ...get($.q0),
    ...i32(0),
    ...get($.q0),
    ...i32(0),
    ...op.i32GtS,
    ...op.select,
    ...set($.lo),
    ...i32Sum(get($.q0), i32(G.kw)),
    ...i32(G.W),
    ...i32Sum(get($.q0), i32(G.kw)),
    ...i32(G.W),
    ...op.i32LtS,
    ...op.select,
    ...set($.hi),
    ...get($.w),
    ...get($.q0),
    ...i32(cm),
    ...op.i32Mul,
    ...op.i32Sub,
    ...set($.wq),
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
        ...forLoop($.j, i32(G.Wo), i32(1), [...origin($.q0, $.j, G.sw, G.pl), ...columns, ...pixel, ...increment($.yp, i32(G.M * 4))]),
      ]),
    ]),
  ];
  return body(sig.locals, code);
}
