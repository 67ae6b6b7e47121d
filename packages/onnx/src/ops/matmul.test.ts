import { beforeAll, describe, expect, it } from 'vitest';
import { floatTensor, node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
import { linearT } from '../../test/helpers/reference-ops.js';
import { Bv, flat, run, W, X } from '../../test/helpers/flatten-models.js';
import { maxAbsDiff, useBackend } from '../../test/helpers/run.js';
import { planImport } from '../index.js';

beforeAll(() => useBackend('wasm'));

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
