// Shared data for handler tests on [N, 3, 4, 5] images.
import { valueInfo } from './onnx-writer.js';
import { runModel } from './op-model.js';
import { rand, type T } from './reference-ops.js';

export const X = rand([2, 3, 4, 5], 41);
export const img = (name: string, c = 3) => valueInfo(name, ['N', c, 4, 5]);
export const map = (x: T, f: (v: number) => number): T => ({ dims: x.dims, data: x.data.map(f) });
export const run = (bytes: Uint8Array, x: T = X): T => runModel(bytes, x);
