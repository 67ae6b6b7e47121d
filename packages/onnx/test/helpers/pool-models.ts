// Pool models for the AveragePool / MaxPool / GlobalAveragePool handler tests.
import { expect } from 'vitest';
import { importOnnx } from '../../src/index.js';
import { type attr, floatTensor, int64Tensor, node, valueInfo, writeModel } from './onnx-writer.js';
import { rand } from './reference-ops.js';
import { maxAbsDiff, runNchw } from './run.js';

export type A = ReturnType<typeof attr.i>;
/** x → [Relu] → [Pad] → pool → y */
export function poolModel(op: 'AveragePool' | 'MaxPool', attrs: A[], opts: { prePad?: number[]; padValue?: number; relu?: boolean; hw?: number } = {}) {
  const hw = opts.hw ?? 6;
  const nodes = [];
  const inits = [];
  let x = 'x';
  if (opts.relu) {
    nodes.push(node('Relu', ['x'], ['r']));
    x = 'r';
  }
  if (opts.prePad) {
    const p = opts.prePad;
    inits.push(int64Tensor('pads', [8], [0, 0, p[0], p[1], 0, 0, p[2], p[3]]), floatTensor('pv', [], [opts.padValue ?? 0]));
    nodes.push(node('Pad', [x, 'pads', 'pv'], ['xp'], [], 'the_pad'));
    x = 'xp';
  }
  nodes.push(node(op, [x], ['y'], attrs, 'the_pool'));
  return writeModel({ nodes, initializers: inits, inputs: [valueInfo('x', ['N', 3, hw, hw])], outputs: [valueInfo('y', ['N', 3, 'h', 'w'])] });
}

/** Runs a 1-channel model on x = 0, 1, … as one [1, 1, hw, hw] image (the model has 3 channels: the first is read). */
export function single(bytes: Uint8Array, hw: number) {
  const x = { dims: [1, 3, hw, hw], data: Float32Array.from({ length: 3 * hw * hw }, (_, i) => i % (hw * hw)) };
  const g = importOnnx(bytes);
  const y = runNchw(g, x);
  g.dispose();
  const per = y.dims[2] * y.dims[3];
  return { dims: [1, 1, y.dims[2], y.dims[3]], data: y.data.slice(0, per) };
}

export const checkPool = (bytes: Uint8Array, expected: (x: ReturnType<typeof rand>) => ReturnType<typeof rand>) => {
  const x = rand([2, 3, 6, 6], 11);
  const g = importOnnx(bytes);
  const y = runNchw(g, x);
  const ref = expected(x);
  expect(y.dims).toEqual(ref.dims);
  expect(maxAbsDiff(y.data, ref.data)).toBeLessThan(1e-5);
  g.dispose();
};
