import { sleb, uleb } from './encode.js';

const SIMD = 0xfd;
const simd = (code: number) => [SIMD, ...uleb(code)];
/** memarg: alignment 2^2 (4 bytes: float32 lanes) and a static byte offset. */
const memarg = (offset: number) => [2, ...uleb(offset)];

/** The instructions the kernels use, by their WebAssembly names (camel-cased); SIMD ones after the 0xfd prefix. */
export const op = {
  /** local.get of local `i`. */
  localGet: (i: number) => [0x20, ...uleb(i)],
  /** local.set of local `i`. */
  localSet: (i: number) => [0x21, ...uleb(i)],
  /** local.tee of local `i`. */
  localTee: (i: number) => [0x22, ...uleb(i)],

  block: [0x02, 0x40], // 0x40: no result
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  else: [0x05],
  end: [0x0b],
  /** br_if to the enclosing block `depth` levels out. */
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  return: [0x0f],

  /** i32.const `n`. */
  i32Const: (n: number) => [0x41, ...sleb(n)],
  select: [0x1b],
  i32Eqz: [0x45],
  i32Eq: [0x46],
  i32Ne: [0x47],
  i32LtS: [0x48],
  i32LtU: [0x49],
  i32GtS: [0x4a],
  i32GeU: [0x4f],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32And: [0x71],
  i32Or: [0x72],
  i32Ctz: [0x68],
  i32Shl: [0x74],
  i32ShrU: [0x76],
  /** i32.load at address + `offset`. */
  i32Load: (offset = 0) => [0x28, ...memarg(offset)],
  /** i32.store at address + `offset`. */
  i32Store: (offset = 0) => [0x36, ...memarg(offset)],

  f32Const0: [0x43, 0, 0, 0, 0],
  f32Eq: [0x5b],
  f32Ne: [0x5c],
  /** f32.load at address + `offset`. */
  f32Load: (offset = 0) => [0x2a, ...memarg(offset)],
  /** f32.store at address + `offset`. */
  f32Store: (offset = 0) => [0x38, ...memarg(offset)],
  /** f64.load at address + `offset`. */
  f64Load: (offset = 0) => [0x2b, ...memarg(offset)],
  f64Mul: [0xa2],

  /** v128.load at address + `offset`. */
  v128Load: (offset = 0) => [...simd(0x00), ...memarg(offset)],
  /** v128.store at address + `offset`. */
  v128Store: (offset = 0) => [...simd(0x0b), ...memarg(offset)],
  v128Not: simd(0x4d),
  v128And: simd(0x4e),
  v128Bitselect: simd(0x52),
  v128AnyTrue: simd(0x53),
  i32x4Splat: simd(0x11),
  i32x4Eq: simd(0x37),
  i32x4Sub: simd(0xb1),
  i32x4Bitmask: simd(0xa4),
  f32x4Splat: simd(0x13),
  f64x2Splat: simd(0x14),
  /** f64x2.replace_lane of lane `lane`. */
  f64x2ReplaceLane: (lane: number) => [...simd(0x22), lane],
  f32x4Eq: simd(0x41),
  f32x4Ne: simd(0x42),
  f32x4Lt: simd(0x43),
  f32x4Ge: simd(0x46),
  f32x4Add: simd(0xe4),
  f32x4Sub: simd(0xe5),
  f32x4Mul: simd(0xe6),
  f32x4Div: simd(0xe7),
  f64x2Floor: simd(0x75),
  f64x2Add: simd(0xf0),
  f64x2Sub: simd(0xf1),
  f64x2Mul: simd(0xf2),
  f64x2Div: simd(0xf3),
  f64x2Min: simd(0xf4),
  f64x2Max: simd(0xf5),
  f32x4ConvertI32x4S: simd(0xfa),
  f32x4Pmax: simd(0xeb), // b > a ? b : a (one maxps; no NaN or ±0 rules)
  /** i32x4.extract_lane `lane` (0–3). */
  i32x4ExtractLane: (lane: number) => [...simd(0x1b), lane],
  i32x4Shl: simd(0xab),
  i32x4Add: simd(0xae),
  i32x4TruncSatF32x4S: simd(0xf8),
};
