import { beforeAll, describe, expect, it } from 'vitest';
import { floatTensor, node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
import { linearT, rand, type T } from '../../test/helpers/reference-ops.js';
import { maxAbsDiff, runNchw, useBackend } from '../../test/helpers/run.js';
import { importOnnx, planImport } from '../index.js';

beforeAll(() => useBackend('wasm'));

const X = rand([2, 3, 2, 4], 21); // C=3, H=2, W=4: the C·H·W and H·W·C orders differ
const W = rand([5, 24], 22); // [out, in]
const Bv = rand([5], 23);

const flat = (x: T): T => ({ dims: [x.dims[0], x.data.length / x.dims[0]], data: x.data });

function run(bytes: Uint8Array, x: T = X) {
  const g = importOnnx(bytes);
  const y = runNchw(g, x);
  g.dispose();
  return y;
}

describe('MatMul', () => {
  it('permutes MatMul weights too, and folds the Add after it into the bias', () => {
    // MatMul's B is [in, out]: the transpose of W.
    const wt = new Float32Array(24 * 5);
    for (let o = 0; o < 5; o++) for (let i = 0; i < 24; i++) wt[i * 5 + o] = W.data[o * 24 + i];
    const bytes = writeModel({
      nodes: [node('Flatten', ['x'], ['f']), node('MatMul', ['f', 'Wt'], ['m']), node('Add', ['B', 'm'], ['y'])],
      initializers: [floatTensor('Wt', [24, 5], wt), floatTensor('B', [5], Bv.data)],
      inputs: [valueInfo('x', ['N', 3, 2, 4])],
      outputs: [valueInfo('y', ['N', 5])],
    });
    const plan = planImport(bytes);
    expect(plan.specs.map((s) => s.op)).toEqual(['Flatten', 'Linear']);
    expect(plan.specs[1].params?.bias.dims).toEqual([5]);
    expect(maxAbsDiff(run(bytes).data, linearT(flat(X), W, Bv.data).data)).toBeLessThan(1e-5);
  });
});
