import { forLoop, i32Sum, increment } from './control.js';
import { body, F32, I32, V128 } from './encode.js';
import { frame } from './frame.js';
import { op } from './opcodes.js';

const get = op.localGet;
const set = op.localSet;

/**
 * One step of IF neurons fused with the 2×2, stride-2 average pooling that reads them, over NHWC
 * `[count, H, W, C]` (H, W even, C a multiple of 4), four channels at a time:
 *
 *   per neuron: H = V + X,  M = (H ≥ θ),  V ← H − (M ∧ θ) (soft) or M ? V_r : H (hard)
 *   per window: m = Σ_{2×2} M,   out = LUT[m]   (LUT[0] = 0)
 *
 * Parameters: byte offsets x, v, out, θ (C values), LUT (4 rows of C: the pooled value of 1..4
 * spikes); byte sizes n (all input values, count·H·W·C·4), row (one input row, W·C·4), pixel (C·4);
 * V_r (hard reset). The LUT holds what `tf.avgPool` gives for m firing cells of amplitude a_c
 * (computed by the backend itself), so the pooled values are bit-identical to IF → AvgPool2d; the
 * 4× larger spike map never leaves this module. Returns the parameter types and the body.
 */
export function ifPoolKernel(hard: boolean): [number[], number[]] {
  const [$, sig] = frame(
    { x: I32, v: I32, out: I32, th: I32, lut: I32, n: I32, row: I32, pixel: I32, ...(hard ? { vr: F32 } : {}) },
    // inOff/outOff: the window row's byte offsets in x and out; jIn/jOut: the window's column; c: channel; e: one neuron's offset
    // cnt: spikes per lane in the window (as negative counts: M is all ones); r: the pooled result
    { inOff: I32, outOff: I32, jIn: I32, jOut: I32, c: I32, e: I32, cnt: V128, h: V128, m: V128, t: V128, r: V128, ...(hard ? { vrLanes: V128 } : {}) },
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
  const window = [
    ...i32Sum(get($.th), get($.c)),
    ...op.v128Load(),
    ...set($.t),
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
  const windowRow = [
    ...op.i32Const(0),
    ...set($.jOut),
    ...forLoop($.jIn, get($.row), i32Sum(get($.pixel), get($.pixel)), forLoop($.c, get($.pixel), op.i32Const(16), window), increment($.jOut, get($.pixel))),
  ];
  const halfRow = [...get($.row), ...op.i32Const(1), ...op.i32ShrU];
  const code = [
    ...(hard ? [...get($.vr), ...op.f32x4Splat, ...set($.vrLanes)] : []),
    ...op.i32Const(0),
    ...set($.outOff),
    ...forLoop($.inOff, get($.n), i32Sum(get($.row), get($.row)), windowRow, increment($.outOff, halfRow)),
  ];
  return [sig.params, body(sig.locals, code)];
}
