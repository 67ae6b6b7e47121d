import { at, forLoop, increment } from './control.js';
import type { ConvGeometry } from './conv-geometry.js';
import { body, I32, type ModuleFunction, moduleBytes } from './encode.js';
import { frame } from './frame.js';
import { op } from './opcodes.js';
import { sparseAccumulate } from './sparse-accumulate.js';
import { sparseCompress } from './sparse-compress.js';

export type { ConvGeometry } from './conv-geometry.js';

const get = op.localGet;
const i32 = op.i32Const;

/** `bias(y, b, pixels)`: y[p, o] ← y[p, o] + b[o] (float32, as `tf.add`), four channels at a time. */
function bias(G: ConvGeometry): number[] {
  const [$, sig] = frame({ y: I32, b: I32, pixels: I32 }, { p: I32, o: I32, yp: I32 });
  const channels = forLoop($.o, i32(G.M * 4), i32(16), [
    ...at($.yp, $.o),
    ...at($.yp, $.o),
    ...op.v128Load(),
    ...at($.b, $.o),
    ...op.v128Load(),
    ...op.f32x4Add,
    ...op.v128Store(),
  ]);
  const code = [...get($.y), ...op.localSet($.yp), ...forLoop($.p, get($.pixels), i32(1), [...channels, ...increment($.yp, i32(G.M * 4))])];
  return body(sig.locals, code);
}

/**
 * A module with `compress`, `accumulate` and `bias` specialised to one convolution's geometry (M a
 * multiple of 4), and with C a multiple of 4 their value-coded forms `compressCoded` (→ bytes | 1 if
 * a value is in no table row) and `accumulateCoded` (sums precomputed products x·W, `w` the products
 * [kh, CODES, kw, C, M], no multiply).
 */
export function sparseConvModuleBytes(G: ConvGeometry): Uint8Array<ArrayBuffer> {
  return moduleBytes([
    ['compress', [I32, I32, I32, I32, I32], sparseCompress(G), [I32]],
    ['accumulate', [I32, I32, I32, I32, I32, I32], sparseAccumulate(G)],
    ['bias', [I32, I32, I32], bias(G)],
    ...(G.C % 4 === 0
      ? ([
          ['compressCoded', [I32, I32, I32, I32, I32], sparseCompress(G, true), [I32]],
          ['accumulateCoded', [I32, I32, I32, I32, I32, I32], sparseAccumulate(G, true)],
        ] as ModuleFunction[])
      : []),
  ]);
}
