import { body, F32, I32, V128, op, forLoop, i32Sum, increment, unless, frame } from '@snn/core';
import { ifStep, splatReset } from './if-parts.js';

const get = op.localGet;
const set = op.localSet;

/**
 * `steps` steps of IF neurons fused with the 2×2, stride-2 average pooling that reads them, over
 * NHWC `[count, H, W, C]` (C a multiple of 4; H, W ≥ 2, odd ones floored as the pooling does), four
 * channels at a time:
 *
 *   per neuron: H = V + X,  M = (H ≥ θ),  V ← H − (M ∧ θ) (soft) or M ? V_r : H (hard)
 *   per window: m = Σ_{2×2} M,   out = LUT[m]   (LUT[0] = 0)
 *
 * The steps are the innermost loop: a window's four membrane vectors (and, with `staticX`, its
 * inputs) stay in registers for all the steps, so the membrane map is read and written once per
 * call, not once per step (the map of a batch does not fit in the core's cache). Each neuron
 * still runs its steps in order with the same lane arithmetic: the results do not depend on it.
 *
 * Parameters: byte offsets x, v, out, θ (C values), LUT (4 rows of C: the pooled value of 1..4
 * spikes); byte sizes n (all input values, count·H·W·C·4), row (one input row, W·C·4), pixel (C·4),
 * image (H·W·C·4), pairRows (the rows the windows cover, 2·⌊H/2⌋·row), pairCols (the columns they
 * cover, 2·⌊W/2⌋·pixel); steps (≥ 1), xStep and outStep (bytes between two steps' inputs (unused
 * with `staticX`) and outputs); scaled (non-zero: out = m · LUT[0], one multiply instead of four
 * selects, where that gives every LUT row bit for bit); V_r (hard reset). The neurons of an odd last row or column are
 * stepped too, their spikes read by no window. The LUT holds what `tf.avgPool` gives for m firing
 * cells of amplitude a_c (computed by the backend itself), so the pooled values are bit-identical
 * to IF → AvgPool2d; the 4× larger spike map never leaves this module. Returns the parameter types
 * and the body.
 */
export function ifPoolKernel(hard: boolean, staticX: boolean): [number[], number[]] {
  const [$, sig] = frame(
    {
      x: I32,
      v: I32,
      out: I32,
      th: I32,
      lut: I32,
      n: I32,
      row: I32,
      pixel: I32,
      image: I32,
      pairRows: I32,
      pairCols: I32,
      steps: I32,
      xStep: I32,
      outStep: I32,
      scaled: I32,
      ...(hard ? { vr: F32 } : {}),
    },
    // img/rr: the image's and the window row's byte offsets; inOff/outOff: the window row's byte offsets in x and out;
    // jIn/jOut: the window's column; c: channel; a0..a3: the cells' byte offsets; s: step; xs, os: this step's x and output
    // cnt: spikes per lane in the window (as negative counts: M is all ones); r: the pooled result; v0..v3, x0..x3: the cells
    {
      img: I32,
      rr: I32,
      inOff: I32,
      outOff: I32,
      jIn: I32,
      jOut: I32,
      c: I32,
      a0: I32,
      a1: I32,
      a2: I32,
      a3: I32,
      s: I32,
      xs: I32,
      os: I32,
      cnt: V128,
      h: V128,
      m: V128,
      t: V128,
      r: V128,
      v0: V128,
      v1: V128,
      v2: V128,
      v3: V128,
      ...(staticX ? { x0: V128, x1: V128, x2: V128, x3: V128 } : {}),
      ...(hard ? { vrLanes: V128 } : {}),
    },
  );
  const $$ = $ as Record<string, number>;
  const cell = (k: number) => [$$[`a${k}`], $$[`v${k}`], $$[`x${k}`]] as const;
  /** One step of cell k's four neurons: charge, fire, reset (into its register), count. */
  const neuron = (k: number, pooled: boolean) => {
    const [a, v, x] = cell(k);
    return [
      ...get(v),
      ...(staticX ? get(x) : [...i32Sum(get($.xs), get(a)), ...op.v128Load()]),
      ...ifStep(hard, $, v),
      ...(pooled ? [...get($.cnt), ...get($.m), ...op.i32x4Sub, ...set($.cnt)] : []),
    ];
  };
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
  /**
   * The cells at byte offsets `dx` (expressions) from (inOff + jIn + c), channels c..c+3, over all
   * the steps: load V (and a static X), step them, write the window's pooled value per step
   * (`pooled`), store V.
   */
  /** r ← m · LUT[0] (`scaled`: the caller checked that this is LUT[m − 1] for m = 0..4). */
  const scaledValue = [...get($.cnt), ...op.f32x4ConvertI32x4S, ...i32Sum(get($.lut), get($.c)), ...op.v128Load(), ...op.f32x4Mul, ...set($.r)];
  const pickedValue = [1, 2, 3, 4].flatMap(pick);
  const cells = (dx: number[][], pooled: boolean) => {
    const ks = dx.map((_, k) => k);
    const step = (value: number[]) => [
      ...(pooled ? [...op.i32Const(0), ...op.i32x4Splat, ...op.localTee($.cnt), ...set($.r)] : []),
      ...ks.flatMap((k) => neuron(k, pooled)),
      ...(pooled ? [...value, ...get($.os), ...get($.r), ...op.v128Store(), ...increment($.os, get($.outStep))] : []),
      ...(staticX ? [] : increment($.xs, get($.xStep))),
    ];
    const steps = (value: number[]) => forLoop($.s, get($.steps), op.i32Const(1), step(value));
    return [
      ...i32Sum(get($.th), get($.c)),
      ...op.v128Load(),
      ...set($.t),
      ...ks.flatMap((k) => {
        const [a, v, x] = cell(k);
        return [
          ...i32Sum(get($.inOff), get($.jIn), get($.c), ...(dx[k].length ? [dx[k]] : [])),
          ...set(a),
          ...i32Sum(get($.v), get(a)),
          ...op.v128Load(),
          ...set(v),
          ...(staticX ? [...i32Sum(get($.x), get(a)), ...op.v128Load(), ...set(x)] : []),
        ];
      }),
      ...(pooled ? [...i32Sum(i32Sum(get($.out), get($.outOff)), i32Sum(get($.jOut), get($.c))), ...set($.os)] : []),
      ...(staticX ? [] : [...get($.x), ...set($.xs)]),
      // `scaled` tested once per window, not per step (1.07× on IF1 + pool of the tutorial CNN, same bits)
      ...(pooled ? [...get($.scaled), ...op.if, ...steps(scaledValue), ...op.else, ...steps(pickedValue), ...op.end] : steps([])),
      ...ks.flatMap((k) => {
        const [a, v] = cell(k);
        return [...i32Sum(get($.v), get(a)), ...get(v), ...op.v128Store()];
      }),
    ];
  };
  const window = cells([[], get($.pixel), get($.row), [...get($.row), ...get($.pixel), ...op.i32Add]], true);
  const channels = (inner: number[]) => forLoop($.c, get($.pixel), op.i32Const(16), inner);
  /** An odd last column: its two cells in the window row, stepped with no window. */
  const lastColumn = unless([...get($.pairCols), ...get($.row), ...op.i32Eq], [...get($.pairCols), ...set($.jIn), ...channels(cells([[], get($.row)], false))]);
  const windowRow = [
    ...op.i32Const(0),
    ...set($.jOut),
    ...forLoop($.jIn, get($.pairCols), i32Sum(get($.pixel), get($.pixel)), channels(window), increment($.jOut, get($.pixel))),
    ...lastColumn,
  ];
  /** An odd last row: every cell stepped with no window. */
  const lastRow = unless(
    [...get($.pairRows), ...get($.image), ...op.i32Eq],
    [...i32Sum(get($.img), get($.pairRows)), ...set($.inOff), ...forLoop($.jIn, get($.row), get($.pixel), channels(cells([[]], false)))],
  );
  const halfCols = [...get($.pairCols), ...op.i32Const(1), ...op.i32ShrU];
  const rows = forLoop(
    $.rr,
    get($.pairRows),
    i32Sum(get($.row), get($.row)),
    [...i32Sum(get($.img), get($.rr)), ...set($.inOff), ...windowRow],
    increment($.outOff, halfCols),
  );
  const code = [...splatReset(hard, $), ...op.i32Const(0), ...set($.outOff), ...forLoop($.img, get($.n), get($.image), [...rows, ...lastRow])];
  return [sig.params, body(sig.locals, code)];
}
