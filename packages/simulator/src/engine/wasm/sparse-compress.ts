import { at, forLoop, i32Sum, ifThen, increment } from './control.js';
import { body, F32, I32 } from './encode.js';
import { frame } from './frame.js';
import { op } from './opcodes.js';
import type { ConvGeometry } from './conv-geometry.js';

const get = op.localGet;
const set = op.localSet;
const i32 = op.i32Const;

/**
 * `compress(x, pixels, starts, idx, val) → bytes`: the non-zero values of each pixel's C channels
 * as a list (`idx` the weight row's byte offset c·M·4, `val` the value), pixel p's entries being
 * `starts[p] .. starts[p + 1]` (byte offsets into idx and val). Returns the list's length in bytes.
 */
export function sparseCompress(G: ConvGeometry): number[] {
  // p: pixel; k: byte offset of the next entry; c: byte offset of the channel in the pixel; v: the value; xp: the pixel's address
  const [$, sig] = frame({ x: I32, pixels: I32, starts: I32, idx: I32, val: I32 }, { p: I32, k: I32, c: I32, v: F32, xp: I32 });
  /** Channel at byte offset c + lane, branch-free: the entry is written at k always, k advances only for a non-zero value. */
  const entry = (lane: number) => [
    ...at($.idx, $.k),
    ...i32Sum(get($.c), i32(lane)),
    ...i32(G.M),
    ...op.i32Mul,
    ...op.i32Store(),
    ...at($.val, $.k),
    ...at($.xp, $.c),
    ...op.f32Load(lane),
    ...op.localTee($.v),
    ...op.f32Store(),
    ...get($.k),
    ...get($.v),
    ...op.f32Const0,
    ...op.f32Ne,
    ...i32(2),
    ...op.i32Shl,
    ...op.i32Add,
    ...set($.k),
  ];
  /** starts[pixel] ← k. */
  const markStart = (pixel: number[]) => [...get($.starts), ...pixel, ...i32(4), ...op.i32Mul, ...op.i32Add, ...get($.k), ...op.i32Store()];
  // four channels at a time when C allows: most quads of spikes are all zero
  const channels =
    G.C % 4 === 0
      ? forLoop($.c, i32(G.C * 4), i32(16), ifThen([...at($.xp, $.c), ...op.v128Load(), ...op.v128AnyTrue], [0, 4, 8, 12].flatMap(entry)))
      : forLoop($.c, i32(G.C * 4), i32(4), entry(0));
  const code = [
    ...get($.x),
    ...set($.xp),
    ...forLoop($.p, get($.pixels), i32(1), [...markStart(get($.p)), ...channels, ...increment($.xp, i32(G.C * 4))]),
    ...markStart(get($.pixels)),
    ...get($.k),
  ];
  return body(sig.locals, code);
}
