/**
 * Minimal WebAssembly binary encoding: LEB128 numbers, vectors, sections, function bodies and a
 * module that imports its memory. Just what the simulator's and the converter's kernels need (see `opcodes.ts`).
 */

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (small constants). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** Value type i32. */
export const I32 = 0x7f;
/** Value type f32. */
export const F32 = 0x7d;
/** Value type f64. */
export const F64 = 0x7c;
/** Value type v128 (SIMD). */
export const V128 = 0x7b;
/** The value types the kernels use. */
export type ValType = typeof I32 | typeof F32 | typeof F64 | typeof V128;

const utf8 = (s: string) => [...new TextEncoder().encode(s)];
/** A length-prefixed vector of already-encoded items. */
export const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
/** A section: id, byte length, contents. */
export const section = (id: number, bytes: number[]) => [id, ...uleb(bytes.length), ...bytes];
/** A name: its UTF-8 length, then its bytes. */
export const name = (s: string) => [...uleb(utf8(s).length), ...utf8(s)];

const SECTION = { type: 1, import: 2, function: 3, export: 7, code: 10 } as const;
const FUNC_TYPE = 0x60;
const END = 0x0b;
const IMPORT_MEMORY = 0x02;
const EXPORT_FUNC = 0x00;

/** A function type `(params) → (results)`. */
export const funcType = (params: readonly number[], results: readonly number[] = []) => [
  FUNC_TYPE,
  ...vec(params.map((p) => [p])),
  ...vec(results.map((r) => [r])),
];

/** A function body with locals grouped as `[count, type]`. */
export function body(locals: ReadonlyArray<readonly [number, number]>, code: number[]): number[] {
  const b = [...vec(locals.map(([n, t]) => [...uleb(n), t])), ...code, END];
  return [...uleb(b.length), ...b];
}

/** One exported function of a module: name, parameter types, encoded body, result types. */
export type ModuleFunction = [name: string, params: readonly number[], body: number[], results?: readonly number[]];

/**
 * A module importing its memory as `env.memory` (so kernels of several modules share one arena),
 * with one function per entry, each exported under its name.
 */
export function moduleBytes(funcs: ModuleFunction[]): Uint8Array<ArrayBuffer> {
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(SECTION.type, vec(funcs.map(([, params, , results]) => funcType(params, results)))),
    ...section(SECTION.import, vec([[...name('env'), ...name('memory'), IMPORT_MEMORY, 0x00, 1]])), // limits: min 1 page, no max
    ...section(SECTION.function, vec(funcs.map((_, i) => uleb(i)))),
    ...section(SECTION.export, vec(funcs.map(([n], i) => [...name(n), EXPORT_FUNC, ...uleb(i)]))),
    ...section(SECTION.code, vec(funcs.map(([, , b]) => b))),
  ]);
}
