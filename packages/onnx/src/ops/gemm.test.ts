import { beforeAll, describe, expect, it } from 'vitest';
import { attr, floatTensor, node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
import { linearT, rand } from '../../test/helpers/reference-ops.js';
import { Bv, flat, run, scale, W, X } from '../../test/helpers/flatten-models.js';
import { maxAbsDiff, useBackend } from '../../test/helpers/run.js';
import { planImport } from '../index.js';

beforeAll(() => useBackend('wasm'));

describe('Gemm', () => {
  it('permutes Gemm weight rows from C·H·W to H·W·C (transB=1, alpha, beta)', () => {
    const bytes = writeModel({
      nodes: [node('Flatten', ['x'], ['f']), node('Gemm', ['f', 'W', 'B'], ['y'], [attr.i('transB', 1), attr.f('alpha', 0.5), attr.f('beta', 2)])],
      initializers: [floatTensor('W', W.dims, W.data), floatTensor('B', [1, 5], Bv.data)],
      inputs: [valueInfo('x', ['N', 3, 2, 4])],
      outputs: [valueInfo('y', ['N', 5])],
    });
    const plan = planImport(bytes);
    expect(plan.specs.map((s) => s.op)).toEqual(['Flatten', 'Linear']);
    expect(plan.specs[1].params?.weight.dims).toEqual([24, 5]);
    const ref = linearT(flat(X), scale(W, 0.5), scale(Bv, 2).data);
    expect(maxAbsDiff(run(bytes).data, ref.data)).toBeLessThan(1e-5);
  });

  it('adds a constant that is not a bias as an Affine node, and refuses transA=1', () => {
    const bytes = writeModel({
      nodes: [node('Relu', ['x'], ['r']), node('Add', ['r', 'B'], ['y'])],
      initializers: [floatTensor('B', [4], [1, 2, 3, 4])],
      inputs: [valueInfo('x', ['N', 4])],
      outputs: [valueInfo('y', ['N', 4])],
    });
    expect(planImport(bytes).specs.map((sp) => sp.op)).toEqual(['ReLU', 'Affine']);
    const x = rand([2, 4], 24);
    const y = run(bytes, x);
    expect(
      maxAbsDiff(
        y.data,
        x.data.map((v, i) => Math.max(0, v) + [1, 2, 3, 4][i % 4]),
      ),
    ).toBeLessThan(1e-6);
    const transA = writeModel({
      nodes: [node('Gemm', ['x', 'W'], ['y'], [attr.i('transA', 1)])],
      initializers: [floatTensor('W', [4, 4], new Float32Array(16))],
      inputs: [valueInfo('x', ['N', 4])],
      outputs: [valueInfo('y', ['N', 4])],
    });
    expect(() => planImport(transA)).toThrow(/transA=1 is not supported.*op Gemm/);
  });
});
