import { at, i32Sum, ifThen, increment, unless } from './control.js';
import { body, F32, I32, moduleBytes, V128, op } from '@snn/core';
import { frame } from './frame.js';
import { addKernel, addRowsKernel } from './add-kernel.js';
import { gapKernel } from './gap-kernel.js';
import { ifPoolKernel } from './if-pool-kernel.js';

const get = op.localGet;
const set = op.localSet;

/**
 * One step of IF neurons over `[count, size]` float32 values, four at a time (wasm SIMD):
 *
 *   H = V + X,   M = (H ≥ θ),   V ← H − (M ∧ θ)  (soft)  or  V ← M ? V_r : H  (hard),   out = M ∧ amplitude
 *
 * Parameters: byte offsets x, v, out, θ, amplitude; byte lengths n (count·size·4) and size·4; V_r
 * (hard reset). θ and amplitude are per position of one sample (`size` values), repeated for every
 * sample. IEEE float32 lane arithmetic, so the results are bit-identical to the tensor ops of `step()`.
 */
function ifKernel(hard: boolean): [number[], number[]] {
  const [$, sig] = frame(
    { x: I32, v: I32, out: I32, th: I32, amp: I32, n: I32, size: I32, ...(hard ? { vr: F32 } : {}) },
    { i: I32, j: I32, h: V128, m: V128, t: V128, ...(hard ? { vrLanes: V128 } : {}) },
  );
  const reset = hard
    ? [...get($.vrLanes), ...get($.h), ...get($.m), ...op.v128Bitselect]
    : [...get($.h), ...get($.m), ...get($.t), ...op.v128And, ...op.f32x4Sub];
  const neuron = [
    ...at($.v, $.i),
    ...op.v128Load(),
    ...at($.x, $.i),
    ...op.v128Load(),
    ...op.f32x4Add,
    ...set($.h),
    ...at($.th, $.j),
    ...op.v128Load(),
    ...set($.t),
    ...get($.h),
    ...get($.t),
    ...op.f32x4Ge,
    ...set($.m),
    ...at($.v, $.i),
    ...reset,
    ...op.v128Store(),
    ...at($.out, $.i),
    ...get($.m),
    ...at($.amp, $.j),
    ...op.v128Load(),
    ...op.v128And,
    ...op.v128Store(),
  ];
  // j runs over one sample's positions and wraps to 0 at size; i over all values
  const next = [
    ...increment($.i, op.i32Const(16)),
    ...ifThen([...i32Sum(get($.j), op.i32Const(16)), ...op.localTee($.j), ...get($.size), ...op.i32Eq], [...op.i32Const(0), ...set($.j)]),
  ];
  const code = [
    ...(hard ? [...get($.vr), ...op.f32x4Splat, ...set($.vrLanes)] : []),
    ...unless([...get($.n), ...op.i32Eqz], [...op.loop, ...neuron, ...next, ...get($.i), ...get($.n), ...op.i32LtU, ...op.brIf(0), ...op.end]),
  ];
  return [sig.params, body(sig.locals, code)];
}

/**
 * The module's bytes (memory imported as `env.memory`): `ifSoft`, `ifHard`, `ifPoolSoft`,
 * `ifPoolHard`, the last two for an input that is the same at every step (`…Static`), `add`, `addRows` and `gap`.
 */
export function ifModuleBytes(): Uint8Array<ArrayBuffer> {
  return moduleBytes([
    ['ifSoft', ...ifKernel(false)],
    ['ifHard', ...ifKernel(true)],
    ['ifPoolSoft', ...ifPoolKernel(false, false)],
    ['ifPoolHard', ...ifPoolKernel(true, false)],
    ['ifPoolSoftStatic', ...ifPoolKernel(false, true)],
    ['ifPoolHardStatic', ...ifPoolKernel(true, true)],
    ['add', ...addKernel()],
    ['addRows', ...addRowsKernel()],
    ['gap', ...gapKernel()],
  ]);
}
