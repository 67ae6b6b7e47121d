import { op, i32Sum, ifThen, increment, unless } from '@snn/core';

const get = op.localGet;
const set = op.localSet;

/** The locals an IF kernel's reset reads: H, the fired mask M, θ, and (hard reset) V_r in every lane. */
interface ResetLocals {
  h: number;
  m: number;
  t: number;
  vrLanes?: number;
}

/** The IF reset every IF kernel emits, leaving V on the stack: V ← H − (M ∧ θ) (soft) or M ? V_r : H (hard). */
export function ifReset(hard: boolean, $: ResetLocals): number[] {
  return hard
    ? [...get($.vrLanes as number), ...get($.h), ...get($.m), ...op.v128Bitselect]
    : [...get($.h), ...get($.m), ...get($.t), ...op.v128And, ...op.f32x4Sub];
}

/**
 * One IF step on four neurons whose V and X the caller has pushed: H = V + X (into `h`), M = (H ≥ θ)
 * (into `m`), then the reset ({@link ifReset}) into the local `v`.
 */
export function ifStep(hard: boolean, $: ResetLocals, v: number): number[] {
  return [...op.f32x4Add, ...op.localTee($.h), ...get($.t), ...op.f32x4Ge, ...set($.m), ...ifReset(hard, $), ...set(v)];
}

/** `hard`: V_r (the f32 param `vr`) splatted into `vrLanes`, once before the loop. */
export function splatReset(hard: boolean, $: { vr?: number; vrLanes?: number }): number[] {
  return hard ? [...get($.vr as number), ...op.f32x4Splat, ...set($.vrLanes as number)] : [];
}

/**
 * `inner` once per four neurons of `[count, size]` values: i runs over the n bytes of all values, j over
 * one sample's size·4 bytes and wraps to 0 at `size` (θ and the amplitude are per position of a sample).
 */
export function overNeurons($: { i: number; j: number; n: number; size: number }, inner: number[]): number[] {
  const next = [
    ...increment($.i, op.i32Const(16)),
    ...ifThen([...i32Sum(get($.j), op.i32Const(16)), ...op.localTee($.j), ...get($.size), ...op.i32Eq], [...op.i32Const(0), ...set($.j)]),
  ];
  return unless([...get($.n), ...op.i32Eqz], [...op.loop, ...inner, ...next, ...get($.i), ...get($.n), ...op.i32LtU, ...op.brIf(0), ...op.end]);
}
