import type { ConvGeometry } from './conv-geometry.js';
import { I32, type ModuleFunction, moduleBytes } from '@snn/core';
import { sparseAccumulate } from './sparse-accumulate.js';
import { sparseCompress } from './sparse-compress.js';

export type { ConvGeometry } from './conv-geometry.js';

/**
 * A module with `compress` and `accumulate` specialised to one convolution's geometry (M a multiple
 * of 4) and to whether it adds a bias (`accumulate`'s last argument), and with C a multiple of 4
 * their value-coded forms `compressCoded` (→ bytes | 1 if a value is in no table row) and
 * `accumulateCoded` (sums precomputed products x·W, `w` the products [kh, CODES, kw, C, M], no multiply).
 */
export function sparseConvModuleBytes(G: ConvGeometry, bias = false): Uint8Array<ArrayBuffer> {
  const sum = [I32, I32, I32, I32, I32, I32, I32];
  return moduleBytes([
    ['compress', [I32, I32, I32, I32, I32], sparseCompress(G), [I32]],
    ['accumulate', sum, sparseAccumulate(G, false, bias)],
    ...(G.C % 4 === 0
      ? ([
          ['compressCoded', [I32, I32, I32, I32, I32], sparseCompress(G, true), [I32]],
          ['accumulateCoded', sum, sparseAccumulate(G, true, bias)],
        ] as ModuleFunction[])
      : []),
  ]);
}
