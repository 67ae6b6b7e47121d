/** Minimal WebAssembly binary encoding: just what the IF kernels need. */

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

const utf8 = (s: string) => [...new TextEncoder().encode(s)];
/** A length-prefixed vector of already-encoded items. */
export const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
/** A section: id, byte length, contents. */
export const section = (id: number, bytes: number[]) => [id, ...uleb(bytes.length), ...bytes];
export const name = (s: string) => [...uleb(utf8(s).length), ...utf8(s)];

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

/** Opcodes used by the kernels (SIMD ones after the 0xfd prefix). */
export const op = {
  get: (i: number) => [0x20, ...uleb(i)],
  set: (i: number) => [0x21, ...uleb(i)],
  tee: (i: number) => [0x22, ...uleb(i)],
  i32: (n: number) => [0x41, ...sleb(n)],
  i32Add: [0x6a],
  i32Eqz: [0x45],
  i32Eq: [0x46],
  i32LtU: [0x49],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  end: [0x0b],
  brIf: (d: number) => [0x0d, ...uleb(d)],
  load: [0xfd, ...uleb(0x00), 2, 0],
  store: [0xfd, ...uleb(0x0b), 2, 0],
  and: [0xfd, ...uleb(0x4e)],
  bitselect: [0xfd, ...uleb(0x52)],
  splat: [0xfd, ...uleb(0x13)],
  ge: [0xfd, ...uleb(0x46)],
  add: [0xfd, ...uleb(0xe4)],
  i32x4Splat: [0xfd, ...uleb(0x11)],
  i32x4Eq: [0xfd, ...uleb(0x37)],
  i32x4Sub: [0xfd, ...uleb(0xb1)],
  mul: [0xfd, ...uleb(0xe6)],
  anyTrue: [0xfd, ...uleb(0x53)],
  /** Loads and stores with a static byte offset. */
  loadAt: (offset: number) => [0xfd, ...uleb(0x00), 2, ...uleb(offset)],
  storeAt: (offset: number) => [0xfd, ...uleb(0x0b), 2, ...uleb(offset)],
  i32Load: (offset = 0) => [0x28, 2, ...uleb(offset)],
  i32Store: (offset = 0) => [0x36, 2, ...uleb(offset)],
  f32Load: (offset = 0) => [0x2a, 2, ...uleb(offset)],
  f32Store: (offset = 0) => [0x38, 2, ...uleb(offset)],
  f32Const0: [0x43, 0, 0, 0, 0],
  f32Ne: [0x5c],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32And: [0x71],
  i32Shl: [0x74],
  i32GeU: [0x4f],
  return: [0x0f],
  sub: [0xfd, ...uleb(0xe5)],
};

/** A function type `(params) → (results)`. */
export const funcType = (params: number[], results: number[] = []) => [0x60, ...vec(params.map((p) => [p])), ...vec(results.map((r) => [r]))];

/** A function body with locals grouped as `[count, type]`. */
export function body(locals: Array<[number, number]>, code: number[]): number[] {
  const b = [...vec(locals.map(([n, t]) => [...uleb(n), t])), ...code, ...op.end];
  return [...uleb(b.length), ...b];
}

/**
 * A module importing its memory as `env.memory` (so kernels of several modules share one arena),
 * with one function per `[name, params, body]`, each exported under its name.
 */
export function moduleBytes(funcs: Array<[string, number[], number[], number[]?]>): Uint8Array<ArrayBuffer> {
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(funcs.map(([, params, , results]) => funcType(params, results)))),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 1]])),
    ...section(3, vec(funcs.map((_, i) => uleb(i)))),
    ...section(7, vec(funcs.map(([n], i) => [...name(n), 0, ...uleb(i)]))),
    ...section(10, vec(funcs.map(([, , b]) => b as number[]))),
  ]);
}
