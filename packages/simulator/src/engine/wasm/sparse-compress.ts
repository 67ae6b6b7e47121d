import { body, F32, I32, op, at, forLoop, i32Sum, ifThen, increment, frame } from '@snn/core';
import type { ConvGeometry } from './conv-geometry.js';

const get = op.localGet;
const set = op.localSet;
const i32 = op.i32Const;

/** Channels whose non-zero lanes are gathered into one 32-bit mask (8 vectors of 4). */
const MASK_CHANNELS = 32;
/** Values per channel of a value table (distinct non-zero values per input channel): one vector. */
export const CODES = 4;
/** The bit `compressCoded` sets in its result (and `ctz` gives for no match) when a value is in no table row. */
const MISS = 32;

/**
 * The input rows (or columns) a convolution reads, as a bit mask (bit r for row r), when it skips
 * some (a kernel smaller than its stride: 1×1 stride 2 reads one pixel in four) and the size fits
 * a 32-bit mask; undefined when every row is read (or the size does not fit: then all are listed).
 */
export function readMask(size: number, out: number, k: number, stride: number, pad: number): number | undefined {
  if (size > 32) return undefined;
  let mask = 0;
  for (let i = 0; i < out; i++) for (let u = 0; u < k; u++) if (i * stride - pad + u >= 0 && i * stride - pad + u < size) mask |= 1 << (i * stride - pad + u);
  const all = size === 32 ? -1 : (1 << size) - 1;
  return (mask | 0) === (all | 0) ? undefined : mask | 0;
}

/**
 * `compress(x, pixels, starts, idx, val) → bytes`: the non-zero values of each pixel's C channels
 * as a list (`idx` the byte offset (q·C + c)·M·4 of the weight row, q the pixel's column; `val` the value), pixel p's entries being
 * `starts[p] .. starts[p + 1]` (byte offsets into idx and val), in channel order. Returns the
 * list's length in bytes. With C a multiple of 4 the pixel's channels are tested 4 at a time into
 * a bit mask (`f32x4.ne 0`, `i32x4.bitmask`) and only its set bits are visited (`ctz`), so the
 * cost follows the non-zeros and no branch depends on a single value. Pixels that no output reads
 * ({@link readMask}) are given no entries (their range is empty; `accumulate` never asks for it).
 */
export function sparseCompress(G: ConvGeometry, coded = false): number[] {
  // p: pixel; k: byte offset of the next entry; c: byte offset of the channel in the pixel; v: the value; xp: the pixel's address; mask: non-zero lanes
  // qoff: the pixel's column q as q·C·M·4 (idx = qoff + c·M·4: see `sparseAccumulate`)
  // coded: `val` is the value table; code: the entry's row in it (MISS where none holds the value); miss: any MISS
  const [$, sig] = frame(
    { x: I32, pixels: I32, starts: I32, idx: I32, val: I32 },
    { p: I32, k: I32, c: I32, v: F32, xp: I32, mask: I32, qoff: I32, code: I32, miss: I32, qi: I32, ri: I32 },
  );
  // pixels no output reads (rows, columns outside every window) get no entries: a 1×1 stride-2 conv lists a quarter
  const rowMask = readMask(G.H, G.Ho, G.kh, G.sh, G.pt);
  const colMask = readMask(G.W, G.Wo, G.kw, G.sw, G.pl);
  const skips = rowMask !== undefined || colMask !== undefined;
  const cm = G.C * G.M * 4;
  /** Channel at byte offset c + lane, branch-free: the entry is written at k always, k advances only for a non-zero value. */
  const entry = (lane: number) => [
    ...at($.idx, $.k),
    ...i32Sum(get($.c), i32(lane)),
    ...i32(G.M),
    ...op.i32Mul,
    ...get($.qoff),
    ...op.i32Add,
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
  /**
   * coded: + the code offset k·kw·C·M·4 of the value's row k in the channel's table (`val`: [C, CODES],
   * one vector per channel): k = ctz(bitmask(table[c] = x)), 32 where no row holds it (miss |= 32).
   */
  const codeOf = [
    ...at($.xp, $.c),
    ...op.f32Load(),
    ...op.f32x4Splat,
    ...get($.val),
    ...get($.c),
    ...i32(2),
    ...op.i32Shl,
    ...op.i32Add,
    ...op.v128Load(),
    ...op.f32x4Eq,
    ...op.i32x4Bitmask,
    ...op.i32Ctz,
    ...op.localTee($.code),
    ...get($.miss),
    ...op.i32Or,
    ...set($.miss),
    ...get($.code),
    ...i32(G.kw * G.C * G.M * 4),
    ...op.i32Mul,
    ...op.i32Add,
  ];
  /** The entries of the set bits of `mask`, channels first..first+31: c = (first + ctz(mask))·4, then mask &= mask − 1. */
  const maskEntries = (first: number) => [
    ...op.loop,
    ...i32(first * 4),
    ...get($.mask),
    ...op.i32Ctz,
    ...i32(2),
    ...op.i32Shl,
    ...op.i32Add,
    ...set($.c),
    ...at($.idx, $.k),
    ...get($.c),
    ...i32(G.M),
    ...op.i32Mul,
    ...get($.qoff),
    ...op.i32Add,
    ...(coded ? codeOf : []),
    ...op.i32Store(),
    ...(coded ? [] : [...at($.val, $.k), ...at($.xp, $.c), ...op.f32Load(), ...op.f32Store()]),
    ...increment($.k, i32(4)),
    ...get($.mask),
    ...get($.mask),
    ...i32(1),
    ...op.i32Sub,
    ...op.i32And,
    ...op.localTee($.mask),
    ...op.brIf(0),
    ...op.end,
  ];
  /** mask ← the non-zero lanes of channels first..first+4·quads−1, lane q·4 + l at bit q·4 + l. */
  const gatherMask = (first: number, quads: number) => [
    ...i32(0),
    ...set($.mask),
    ...Array.from({ length: quads }, (_, q) => [
      ...get($.xp),
      ...op.v128Load((first + 4 * q) * 4),
      ...i32(0),
      ...op.i32x4Splat,
      ...op.f32x4Ne,
      ...op.i32x4Bitmask,
      ...(q ? [...i32(4 * q), ...op.i32Shl] : []),
      ...get($.mask),
      ...op.i32Or,
      ...set($.mask),
    ]).flat(),
  ];
  const groups: Array<[number, number]> = []; // [first channel, quads]
  for (let c = 0; c < G.C; c += MASK_CHANNELS) groups.push([c, Math.min(MASK_CHANNELS, G.C - c) / 4]);
  /** starts[pixel] ← k. */
  const markStart = (pixel: number[]) => [...get($.starts), ...pixel, ...i32(4), ...op.i32Mul, ...op.i32Add, ...get($.k), ...op.i32Store()];
  const channels =
    G.C % 4 === 0
      ? groups.flatMap(([first, quads]) => [...gatherMask(first, quads), ...ifThen(get($.mask), maskEntries(first))])
      : forLoop($.c, i32(G.C * 4), i32(4), entry(0));
  /** qoff ← qoff + C·M·4, back to 0 after the last column. */
  const nextColumn = [
    ...i32Sum(get($.qoff), i32(cm)),
    ...op.localTee($.qoff),
    ...i32(0),
    ...get($.qoff),
    ...i32(G.W * cm),
    ...op.i32LtU,
    ...op.select,
    ...set($.qoff),
  ];
  /** (rowMask >> ri) & (colMask >> qi) & 1: the pixel (ri, qi) is read by some output. */
  const isRead = [
    ...i32(rowMask ?? -1),
    ...get($.ri),
    ...op.i32ShrU,
    ...i32(colMask ?? -1),
    ...get($.qi),
    ...op.i32ShrU,
    ...op.i32And,
    ...i32(1),
    ...op.i32And,
  ];
  /** qi ← qi + 1, and at the row's end qi ← 0, ri ← ri + 1 (0 again after the image's last row). */
  const nextPixel = [
    ...increment($.qi, i32(1)),
    ...ifThen(
      [...get($.qi), ...i32(G.W), ...op.i32Eq],
      [...i32(0), ...set($.qi), ...increment($.ri, i32(1)), ...ifThen([...get($.ri), ...i32(G.H), ...op.i32Eq], [...i32(0), ...set($.ri)])],
    ),
  ];
  const pixel = skips ? [...ifThen(isRead, channels), ...nextPixel] : channels;
  const code = [
    ...get($.x),
    ...set($.xp),
    ...forLoop($.p, get($.pixels), i32(1), [...markStart(get($.p)), ...pixel, ...increment($.xp, i32(G.C * 4)), ...nextColumn]),
    ...markStart(get($.pixels)),
    ...get($.k),
    ...(coded ? [...get($.miss), ...i32(MISS), ...op.i32And, ...i32(0), ...op.i32Ne, ...op.i32Or] : []),
  ];
  return body(sig.locals, code);
}
