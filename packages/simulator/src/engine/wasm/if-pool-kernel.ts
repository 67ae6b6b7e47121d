import { forLoop, i32Sum, increment, unless } from './control.js';
import { body, F32, I32, V128 } from './encode.js';
import { frame } from './frame.js';
import { op } from './opcodes.js';

const get = op.localGet;
const set = op.localSet;

/**
 * One step of IF neurons fused with the 2×2, stride-2 average pooling that reads them, over NHWC
 * `[count, H, W, C]` (C a multiple of 4; H, W ≥ 2, odd ones floored as the pooling does), four
 * channels at a time:
 *
 *   per neuron: H = V + X,  M = (H ≥ θ),  V ← H − (M ∧ θ) (soft) or M ? V_r : H (hard)
 *   per window: m = Σ_{2×2} M,   out = LUT[m]   (LUT[0] = 0)
 *
 * Parameters: byte offsets x, v, out, θ (C values), LUT (4 rows of C: the pooled value of 1..4
 * spikes); byte sizes n (all input values, count·H·W·C·4), row (one input row, W·C·4), pixel (C·4),
 * image (H·W·C·4), pairRows (the rows the windows cover, 2·⌊H/2⌋·row), pairCols (the columns they
 * cover, 2·⌊W/2⌋·pixel); V_r (hard reset). The neurons of an odd last row or column are stepped
 * too, their spikes read by no window. The LUT holds what `tf.avgPool` gives for m firing cells of
 * amplitude a_c (computed by the backend itself), so the pooled values are bit-identical to
 * IF → AvgPool2d; the 4× larger spike map never leaves this module. Returns the parameter types
 * and the body.
 */
export function ifPoolKernel(hard: boolean): [number[], number[]] {
  const [$, sig] = frame(
    { x: I32, v: I32, out: I32, th: I32, lut: I32, n: I32, row: I32, pixel: I32, image: I32, pairRows: I32, pairCols: I32, ...(hard ? { vr: F32 } : {}) },
    // img/r: the image's and the window row's byte offsets; inOff/outOff: the window row's byte offsets in x and out;
    // jIn/jOut: the window's column; c: channel; e: one neuron's offset
    // cnt: spikes per lane in the window (as negative counts: M is all ones); r: the pooled result
    {
      img: I32,
      rr: I32,
      inOff: I32,
      outOff: I32,
      jIn: I32,
      jOut: I32,
      c: I32,
      e: I32,
      cnt: V128,
      h: V128,
      m: V128,
      t: V128,
      r: V128,
      ...(hard ? { vrLanes: V128 } : {}),
    },
  );
  const reset = hard
    ? [...get($.vrLanes), ...get($.h), ...get($.m), ...op.v128Bitselect]
    : [...get($.h), ...get($.m), ...get($.t), ...op.v128And, ...op.f32x4Sub];
  /** One neuron at byte offset `e`: charge, fire, reset, count. */
  const neuron = [
    ...i32Sum(get($.v), get($.e)), // the store's address
    ...i32Sum(get($.v), get($.e)),
    ...op.v128Load(),
    ...i32Sum(get($.x), get($.e)),
    ...op.v128Load(),
    ...op.f32x4Add,
    ...op.localTee($.h),
    ...get($.t),
    ...op.f32x4Ge,
    ...set($.m),
    ...reset,
    ...op.v128Store(),
    ...get($.cnt),
    ...get($.m),
    ...op.i32x4Sub,
    ...set($.cnt),
  ];
  /** The neuron at `dx` bytes from the window's top-left cell. */
  const cellAt = (dx: number[]) => [...i32Sum(get($.inOff), get($.jIn), get($.c)), ...dx, ...set($.e), ...neuron];
  /** r ← LUT[k − 1] where k cells fired. */
  const pick = (k: number) => [
    ...i32Sum(get($.lut), get($.c)),
    ...(k > 1 ? [...get($.pixel), ...op.i32Const(k - 1), ...op.i32Mul, ...op.i32Add] : []),
    ...op.v128Load(),
    ...get($.r),
    ...get($.cnt),
    ...op.i32Const(k),
    ...op.i32x4Splat,
    ...op.i32x4Eq,
    ...op.v128Bitselect,
    ...set($.r),
  ];
  const plus = (local: number) => [...get(local), ...op.i32Add];
  const theta = [...i32Sum(get($.th), get($.c)), ...op.v128Load(), ...set($.t)];
  const window = [
    ...theta,
    ...op.i32Const(0),
    ...op.i32x4Splat,
    ...op.localTee($.cnt),
    ...set($.r),
    ...cellAt([]),
    ...cellAt(plus($.pixel)),
    ...cellAt(plus($.row)),
    ...cellAt([...plus($.row), ...plus($.pixel)]),
    ...[1, 2, 3, 4].flatMap(pick),
    ...i32Sum(i32Sum(get($.out), get($.outOff)), i32Sum(get($.jOut), get($.c))),
    ...get($.r),
    ...op.v128Store(),
  ];
  const channels = (inner: number[]) => forLoop($.c, get($.pixel), op.i32Const(16), inner);
  /** An odd last column: its two cells in the window row, stepped with no window. */
  const lastColumn = unless(
    [...get($.pairCols), ...get($.row), ...op.i32Eq],
    [...get($.pairCols), ...set($.jIn), ...channels([...theta, ...cellAt([]), ...cellAt(plus($.row))])],
  );
  const windowRow = [
    ...op.i32Const(0),
    ...set($.jOut),
    ...forLoop($.jIn, get($.pairCols), i32Sum(get($.pixel), get($.pixel)), channels(window), increment($.jOut, get($.pixel))),
    ...lastColumn,
  ];
  /** An odd last row: every cell stepped with no window. */
  const lastRow = unless(
    [...get($.pairRows), ...get($.image), ...op.i32Eq],
    [...i32Sum(get($.img), get($.pairRows)), ...set($.inOff), ...forLoop($.jIn, get($.row), get($.pixel), channels([...theta, ...cellAt([])]))],
  );
  const halfCols = [...get($.pairCols), ...op.i32Const(1), ...op.i32ShrU];
  const rows = forLoop(
    $.rr,
    get($.pairRows),
    i32Sum(get($.row), get($.row)),
    [...i32Sum(get($.img), get($.rr)), ...set($.inOff), ...windowRow],
    increment($.outOff, halfCols),
  );
  const code = [
    ...(hard ? [...get($.vr), ...op.f32x4Splat, ...set($.vrLanes)] : []),
    ...op.i32Const(0),
    ...set($.outOff),
    ...forLoop($.img, get($.n), get($.image), [...rows, ...lastRow]),
  ];
  return [sig.params, body(sig.locals, code)];
}
