import { body, I32, op, V128 } from './encode.js';

// Parameters: byte offsets x, v, out, θ (C values), LUT (4 rows of C: the pooled value of 1..4 spikes);
// byte sizes: all input values (count·H·W·C·4), one input row (W·C·4), one pixel (C·4); hard reset: V_r.
const [X, V, OUT, TH, LUT, N, RS, CB, VR] = [0, 1, 2, 3, 4, 5, 6, 7, 8];

/**
 * One step of IF neurons fused with the 2×2, stride-2 average pooling that reads them, over NHWC
 * `[count, H, W, C]` (H, W even, C a multiple of 4), four channels at a time:
 *
 *   per neuron: H = V + X,  M = (H ≥ θ),  V ← H − (M ∧ θ) (soft) or M ? V_r : H (hard)
 *   per window: m = Σ_{2×2} M,   out = LUT[m]   (LUT[0] = 0)
 *
 * The LUT holds what `tf.avgPool` gives for m firing cells of amplitude a_c (computed by the
 * backend itself), so the pooled values are bit-identical to IF → AvgPool2d; the 4× larger spike
 * map never leaves this module.
 */
export function ifPoolKernel(hard: boolean): number[] {
  const first = hard ? 9 : 8;
  const [inOff, outOff, jIn, jOut, c, e] = [0, 1, 2, 3, 4, 5].map((k) => first + k);
  const [cnt, h, m, t, r, vr] = [6, 7, 8, 9, 10, 11].map((k) => first + k);
  const g = op.get;
  const add = (a: number[], b: number[]) => [...a, ...b, ...op.i32Add];
  /** One neuron at byte offset `e` (local): charge, fire, reset, count. */
  const neuron = [
    ...add(g(V), g(e)),
    ...add(g(V), g(e)),
    ...op.load,
    ...add(g(X), g(e)),
    ...op.load,
    ...op.add,
    ...op.tee(h),
    ...g(t),
    ...op.ge,
    ...op.set(m),
    ...(hard ? [...g(vr), ...g(h), ...g(m), ...op.bitselect] : [...g(h), ...g(m), ...g(t), ...op.and, ...op.sub]),
    ...op.store,
    ...g(cnt),
    ...g(m),
    ...op.i32x4Sub,
    ...op.set(cnt),
  ];
  const at = (dx: number[]) => [...add(add(g(inOff), g(jIn)), g(c)), ...dx, ...op.set(e), ...neuron];
  const pick = (k: number) => [
    ...add(g(LUT), g(c)),
    ...(k > 1 ? [...g(CB), ...op.i32(k - 1), ...[0x6c], ...op.i32Add] : []), // + (k − 1)·CB  (0x6c: i32.mul)
    ...op.load,
    ...g(r),
    ...g(cnt),
    ...op.i32(k),
    ...op.i32x4Splat,
    ...op.i32x4Eq,
    ...op.bitselect,
    ...op.set(r),
  ];
  /** `for (local = 0; local < end; local += step) body` — every trip count here is ≥ 1. */
  const loop = (local: number, end: number[], step: number[], inner: number[], extra: number[] = []) => [
    ...op.i32(0),
    ...op.set(local),
    ...op.loop,
    ...inner,
    ...extra,
    ...g(local),
    ...step,
    ...op.i32Add,
    ...op.tee(local),
    ...end,
    ...op.i32LtU,
    ...op.brIf(0),
    ...op.end,
  ];
  const cell = [
    ...add(g(TH), g(c)),
    ...op.load,
    ...op.set(t),
    ...op.i32(0),
    ...op.i32x4Splat,
    ...op.tee(cnt),
    ...op.set(r),
    ...at([]),
    ...at([...g(CB), ...op.i32Add]),
    ...at([...g(RS), ...op.i32Add]),
    ...at([...g(RS), ...op.i32Add, ...g(CB), ...op.i32Add]),
    ...pick(1),
    ...pick(2),
    ...pick(3),
    ...pick(4),
    ...add(add(g(OUT), g(outOff)), add(g(jOut), g(c))),
    ...g(r),
    ...op.store,
  ];
  const twoCB = [...g(CB), ...g(CB), ...op.i32Add];
  const code = [
    ...(hard ? [...g(VR), ...op.splat, ...op.set(vr)] : []),
    ...op.i32(0),
    ...op.set(outOff),
    ...loop(
      inOff,
      g(N),
      [...g(RS), ...g(RS), ...op.i32Add],
      [...op.i32(0), ...op.set(jOut), ...loop(jIn, g(RS), twoCB, loop(c, g(CB), op.i32(16), cell), [...g(jOut), ...g(CB), ...op.i32Add, ...op.set(jOut)])],
      [...g(outOff), ...g(RS), ...op.i32(1), ...[0x76], ...op.i32Add, ...op.set(outOff)], // outOff += RS >> 1 (0x76: i32.shr_u)
    ),
  ];
  return body(
    [
      [6, I32],
      [hard ? 6 : 5, V128],
    ],
    code,
  );
}
