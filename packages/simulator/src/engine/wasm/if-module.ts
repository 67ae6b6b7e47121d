import { ifReset, ifStep, overNeurons, splatReset } from './if-parts.js';
import { addKernel, addRowsKernel, body, F32, I32, moduleBytes, V128, op, at, forLoop, increment, frame } from '@snn/core';
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
  const reset = ifReset(hard, $);
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
  return [sig.params, body(sig.locals, [...splatReset(hard, $), ...overNeurons($, neuron)])];
}

/**
 * All `steps` steps of IF neurons whose input is the same at every step (a static X, `[count, size]`),
 * in one call, the steps innermost: per vector of four neurons V, X, θ and the amplitude stay in
 * registers while, for s = 0…steps − 1,
 *
 *   H = V + X,   M = (H ≥ θ),   V ← H − (M ∧ θ) (soft) or M ? V_r : H (hard),   out_s = M ∧ amplitude
 *
 * (out_s at out + s·outStep), and V is stored once: the membrane and input maps are read once per
 * chunk, not once per step. Each neuron runs its steps in order with the lane arithmetic of `ifKernel`:
 * the same results bit for bit. Parameters: byte offsets x, v, out, θ, amplitude; byte lengths n
 * (count·size·4) and size·4; steps (≥ 1); outStep; V_r (hard reset). Returns the parameter types and the body.
 */
function ifStaticKernel(hard: boolean): [number[], number[]] {
  const [$, sig] = frame(
    { x: I32, v: I32, out: I32, th: I32, amp: I32, n: I32, size: I32, steps: I32, outStep: I32, ...(hard ? { vr: F32 } : {}) },
    { i: I32, j: I32, s: I32, os: I32, vv: V128, xv: V128, h: V128, m: V128, t: V128, a: V128, ...(hard ? { vrLanes: V128 } : {}) },
  );
  const step = [
    ...get($.vv),
    ...get($.xv),
    ...ifStep(hard, $, $.vv),
    ...get($.os),
    ...get($.m),
    ...get($.a),
    ...op.v128And,
    ...op.v128Store(),
    ...increment($.os, get($.outStep)),
  ];
  const load = (base: number, index: number, into: number) => [...at(base, index), ...op.v128Load(), ...set(into)];
  const neurons = [
    ...load($.v, $.i, $.vv),
    ...load($.x, $.i, $.xv),
    ...load($.th, $.j, $.t),
    ...load($.amp, $.j, $.a),
    ...at($.out, $.i),
    ...set($.os),
    ...forLoop($.s, get($.steps), op.i32Const(1), step),
    ...at($.v, $.i),
    ...get($.vv),
    ...op.v128Store(),
  ];
  return [sig.params, body(sig.locals, [...splatReset(hard, $), ...overNeurons($, neurons)])];
}

/**
 * The module's bytes (memory imported as `env.memory`): `ifSoft`, `ifHard`, their static-input chunk forms `ifSoftStatic`, `ifHardStatic`, `ifPoolSoft`,
 * `ifPoolHard`, the last two for an input that is the same at every step (`…Static`), `add`, `addRows` and `gap`.
 */
export function ifModuleBytes(): Uint8Array<ArrayBuffer> {
  return moduleBytes([
    ['ifSoft', ...ifKernel(false)],
    ['ifHard', ...ifKernel(true)],
    ['ifSoftStatic', ...ifStaticKernel(false)],
    ['ifHardStatic', ...ifStaticKernel(true)],
    ['ifPoolSoft', ...ifPoolKernel(false, false)],
    ['ifPoolHard', ...ifPoolKernel(true, false)],
    ['ifPoolSoftStatic', ...ifPoolKernel(false, true)],
    ['ifPoolHardStatic', ...ifPoolKernel(true, true)],
    ['add', ...addKernel()],
    ['addRows', ...addRowsKernel()],
    ['gap', ...gapKernel()],
  ]);
}
