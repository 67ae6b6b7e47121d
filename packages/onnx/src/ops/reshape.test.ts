import { beforeAll, describe, expect, it } from 'vitest';
import { attr, floatTensor, int64Tensor, node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
import { linearT } from '../../test/helpers/reference-ops.js';
import { Bv, flat, run, W, X } from '../../test/helpers/flatten-models.js';
import { maxAbsDiff, useBackend } from '../../test/helpers/run.js';
import { planImport } from '../index.js';

beforeAll(() => useBackend('wasm'));

describe('Reshape', () => {
  it('treats a constant Reshape to [N, features] as a Flatten', () => {
    for (const shape of [
      [-1, 24],
      [0, -1],
      [1, -1],
    ]) {
      const bytes = writeModel({
        nodes: [node('Reshape', ['x', 's'], ['f']), node('Gemm', ['f', 'W', 'B'], ['y'], [attr.i('transB', 1)])],
        initializers: [int64Tensor('s', [2], shape), floatTensor('W', W.dims, W.data), floatTensor('B', [5], Bv.data)],
        inputs: [valueInfo('x', ['N', 3, 2, 4])],
        outputs: [valueInfo('y', ['N', 5])],
      });
      expect(maxAbsDiff(run(bytes).data, linearT(flat(X), W, Bv.data).data)).toBeLessThan(1e-5);
    }
  });

  it("folds PyTorch's x.view(x.size(0), -1): Shape → Gather → Unsqueeze → Concat → Reshape", () => {
    const bytes = writeModel({
      nodes: [
        node('Shape', ['x'], ['s']),
        node('Constant', [], ['zero'], [attr.t('value', int64Tensor('', [], [0]))]),
        node('Gather', ['s', 'zero'], ['n'], [attr.i('axis', 0)]),
        node('Unsqueeze', ['n', 'axes'], ['n1']),
        node('Concat', ['n1', 'minus1'], ['target'], [attr.i('axis', 0)]),
        node('Reshape', ['x', 'target'], ['f']),
        node('Gemm', ['f', 'W', 'B'], ['y'], [attr.i('transB', 1)]),
      ],
      initializers: [int64Tensor('axes', [1], [0]), int64Tensor('minus1', [1], [-1]), floatTensor('W', W.dims, W.data), floatTensor('B', [5], Bv.data)],
      inputs: [valueInfo('x', ['N', 3, 2, 4])],
      outputs: [valueInfo('y', ['N', 5])],
    });
    expect(planImport(bytes).specs.map((s) => s.op)).toEqual(['Flatten', 'Linear']);
    expect(maxAbsDiff(run(bytes).data, linearT(flat(X), W, Bv.data).data)).toBeLessThan(1e-5);
    const gatherRuntime = writeModel({
      nodes: [node('Gather', ['x', 'i'], ['y'])],
      initializers: [int64Tensor('i', [], [0])],
      inputs: [valueInfo('x', ['N', 3, 2, 4])],
      outputs: [valueInfo('y', ['N', 2, 4])],
    });
    expect(() => planImport(gatherRuntime)).toThrow(/input 0 \('x'\) must be a constant.*op Gather/);
  });

  it("keeps ONNX's row-major order through other reshapes and a flattened map as a graph output", () => {
    const reshape = writeModel({
      nodes: [node('Reshape', ['x', 's'], ['y'])],
      initializers: [int64Tensor('s', [3], [-1, 6, 4])],
      inputs: [valueInfo('x', ['N', 3, 2, 4])],
      outputs: [valueInfo('y', ['N', 6, 4])],
    });
    // [N, 6, 4] is held as [N, 1, 4, 6]; runNchw hands it back as [N, 6, 1, 4], i.e. ONNX's values in order.
    expect(Array.from(run(reshape).data)).toEqual(Array.from(X.data));
    const out = writeModel({ nodes: [node('Flatten', ['x'], ['y'])], inputs: [valueInfo('x', ['N', 3, 2, 4])], outputs: [valueInfo('y', ['N', 24])] });
    expect(planImport(out).specs.map((sp) => sp.op)).toEqual(['Flatten', 'Reshape', 'Transpose', 'Reshape']);
    expect(Array.from(run(out).data)).toEqual(Array.from(X.data));
    const bad = writeModel({
      nodes: [node('Reshape', ['x', 's'], ['y'])],
      initializers: [int64Tensor('s', [2], [-1, 5])],
      inputs: [valueInfo('x', ['N', 3, 2, 4])],
      outputs: [valueInfo('y', ['N', 4])],
    });
    expect(() => planImport(bad)).toThrow(
      /reshaping \[N, 3, 2, 4\] to \[-1, 5\] is not supported; the first entry must stay the batch and the rest hold its 24 values/,
    );
  });
});
