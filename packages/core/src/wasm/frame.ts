import type { ValType } from './encode.js';

/** A function's parameter and local types, as `moduleBytes` and `body` take them. */
export interface Signature {
  params: ValType[];
  /** Locals in runs of one type: `[count, type]`. */
  locals: Array<[number, ValType]>;
}

/**
 * Names for a function's parameters and locals: `$.name` is the index `local.get` takes
 * (parameters first, then locals, each in the order given). Replaces magic numbers such as `6 + k`.
 *
 * @example
 * const [$, sig] = frame({ x: I32, n: I32 }, { i: I32, h: V128 });
 * $.i; // 2
 */
export function frame<P extends Record<string, ValType>, L extends Record<string, ValType>>(
  params: P,
  locals: L,
): [Record<keyof P | keyof L, number>, Signature] {
  const index: Record<string, number> = {};
  const names = [...Object.keys(params), ...Object.keys(locals)];
  for (const [i, n] of names.entries()) {
    if (n in index) throw new Error(`frame: '${n}' is named twice`);
    index[n] = i;
  }
  const runs: Array<[number, ValType]> = [];
  for (const t of Object.values(locals)) {
    const last = runs.at(-1);
    if (last && last[1] === t) last[0]++;
    else runs.push([1, t]);
  }
  return [index as Record<keyof P | keyof L, number>, { params: Object.values(params), locals: runs }];
}
