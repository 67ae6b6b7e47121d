import { op } from './opcodes.js';

/** Structured control flow and address arithmetic shared by every kernel emitter. */

const get = op.localGet;

/** `a + b + …` of i32 expressions. */
export function i32Sum(...terms: number[][]): number[] {
  const out = [...terms[0]];
  for (const t of terms.slice(1)) out.push(...t, ...op.i32Add);
  return out;
}

/** `base + index` of two locals: a byte address. */
export const at = (base: number, index: number) => i32Sum(get(base), get(index));

/** `local += step`. */
export const increment = (local: number, step: number[]) => [...get(local), ...step, ...op.i32Add, ...op.localSet(local)];

/**
 * `for (local = 0; local < end; local += step) body`, unsigned compare, the test at the bottom:
 * the trip count must be known to be ≥ 1 (every loop of these kernels has at least one trip).
 */
export function forLoop(local: number, end: number[], step: number[], inner: number[], after: number[] = []): number[] {
  return [
    ...op.i32Const(0),
    ...op.localSet(local),
    ...op.loop,
    ...inner,
    ...after,
    ...get(local),
    ...step,
    ...op.i32Add,
    ...op.localTee(local),
    ...end,
    ...op.i32LtU,
    ...op.brIf(0),
    ...op.end,
  ];
}

/** `if (cond) then` (no else, no result). */
export const ifThen = (cond: number[], then: number[]) => [...cond, ...op.if, ...then, ...op.end];

/** `if (cond) skip the rest of this block`: a block whose body runs unless `cond` holds. */
export const unless = (cond: number[], inner: number[]) => [...op.block, ...cond, ...op.brIf(0), ...inner, ...op.end];
