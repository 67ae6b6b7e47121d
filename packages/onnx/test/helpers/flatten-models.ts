// Shared data for the Gemm / MatMul / BatchNormalization / Reshape tests after a Flatten.
import { runModel } from './op-model.js';
import { rand, type T } from './reference-ops.js';

/** C=3, H=2, W=4: the C·H·W and H·W·C orders differ. */
export const X = rand([2, 3, 2, 4], 21);
/** [out, in] */
export const W = rand([5, 24], 22);
export const Bv = rand([5], 23);
export const flat = (x: T): T => ({ dims: [x.dims[0], x.data.length / x.dims[0]], data: x.data });
export const scale = (t: T, s: number): T => ({ dims: t.dims, data: t.data.map((v) => v * s) });
export const run = (bytes: Uint8Array, x: T = X): T => runModel(bytes, x);
