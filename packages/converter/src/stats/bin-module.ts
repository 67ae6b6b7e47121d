import { body, I32, moduleBytes, op, V128 } from '@snn/core';

const get = op.localGet;
const set = op.localSet;
/** t ← t + step, back to t0 when it reaches tEnd (the table of channel groups, walked once per pixel). */
const nextGroup = (t: number, t0: number, tEnd: number, step: number) => [
  ...get(t0),
  ...get(t),
  ...op.i32Const(step),
  ...op.i32Add,
  ...op.localTee(t),
  ...get(t),
  ...get(tEnd),
  ...op.i32Eq,
  ...op.select,
  ...set(t),
];
/** p ← p + 16; loop again while p < pEnd. */
const nextVector = (p: number, pEnd: number) => [...get(p), ...op.i32Const(16), ...op.i32Add, ...op.localTee(p), ...get(pEnd), ...op.i32LtU, ...op.brIf(0)];

/**
 * `range(p, pEnd, t0, tEnd, okOut)`: over float32 values [p, pEnd) of C interleaved channels (C a
 * multiple of 4, n > 0), four lanes at a time, max_c ← (v > max_c ? v : max_c) in the table [t0, tEnd)
 * (C float32, which the caller zeroes), and at `okOut` the lane-wise AND of (v ≥ 0) over all values
 * (i32x4: all ones ⇔ no value is negative or NaN). pmax and ≥ are one instruction each, and the
 * accumulator chain is one AND long (IEEE min/max's NaN and ±0 rules cost a sequence each on x64).
 */
function rangeKernel(): [number[], number[]] {
  const [p, pEnd, t0, tEnd, okOut, t, v, ok, zero] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const code = [
    ...op.i32Const(-1),
    ...op.i32x4Splat,
    ...set(ok),
    ...get(t0),
    ...set(t),
    ...op.loop,
    ...get(p),
    ...op.v128Load(),
    ...set(v),
    ...get(t),
    ...get(t),
    ...op.v128Load(),
    ...get(v),
    ...op.f32x4Pmax,
    ...op.v128Store(),
    ...get(ok),
    ...get(v),
    ...get(zero),
    ...op.f32x4Ge,
    ...op.v128And,
    ...set(ok),
    ...nextGroup(t, t0, tEnd, 16),
    ...nextVector(p, pEnd),
    ...op.end,
    ...get(okOut),
    ...get(ok),
    ...op.v128Store(),
  ];
  return [
    [I32, I32, I32, I32, I32],
    body(
      [
        [1, I32],
        [3, V128],
      ],
      code,
    ),
  ];
}

/**
 * `bin(p, pEnd, t0, tEnd, zeroSlot)`: every float32 value v of [p, pEnd) (C interleaved channels, C a
 * multiple of 4, n > 0, no value negative or NaN) adds one to the int32 counter at
 *
 *   base_c + 4·(v = 0 ? zeroSlot : ⌊v·inv_c⌋)
 *
 * where the table [t0, tEnd) holds, per group of four channels, inv (f32x4) then base (i32x4, byte
 * addresses). With inv_c = 2^k and v < bins/inv_c, v·inv_c is exact in float32, so the bin is the one
 * float64 ⌊v·(1/width)⌋ gives.
 */
function binKernel(): [number[], number[]] {
  const [p, pEnd, t0, tEnd, zeroSlot, t, a, v, idx, zs] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const bump = (lane: number) => [
    ...get(idx),
    ...op.i32x4ExtractLane(lane),
    ...op.localTee(a),
    ...get(a),
    ...op.i32Load(),
    ...op.i32Const(1),
    ...op.i32Add,
    ...op.i32Store(),
  ];
  const code = [
    ...get(zeroSlot),
    ...op.i32x4Splat,
    ...set(zs),
    ...get(t0),
    ...set(t),
    ...op.loop,
    ...get(p),
    ...op.v128Load(),
    ...op.localTee(v),
    ...get(t),
    ...op.v128Load(),
    ...op.f32x4Mul,
    ...op.i32x4TruncSatF32x4S,
    ...set(idx),
    // idx ← v = 0 ? zeroSlot : idx; then 4·idx + base
    ...get(zs),
    ...get(idx),
    ...get(v),
    ...op.i32Const(0),
    ...op.i32x4Splat,
    ...op.f32x4Eq,
    ...op.v128Bitselect,
    ...op.i32Const(2),
    ...op.i32x4Shl,
    ...get(t),
    ...op.v128Load(16),
    ...op.i32x4Add,
    ...set(idx),
    ...bump(0),
    ...bump(1),
    ...bump(2),
    ...bump(3),
    ...nextGroup(t, t0, tEnd, 32),
    ...nextVector(p, pEnd),
    ...op.end,
  ];
  return [
    [I32, I32, I32, I32, I32],
    body(
      [
        [2, I32],
        [3, V128],
      ],
      code,
    ),
  ];
}

/** The histogram kernels' module (memory imported as `env.memory`): `range` and `bin`. */
export function binModuleBytes(): Uint8Array<ArrayBuffer> {
  return moduleBytes([
    ['range', ...rangeKernel()],
    ['bin', ...binKernel()],
  ]);
}
