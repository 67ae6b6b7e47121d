import { beforeAll, describe, expect, it } from 'vitest';
import { opModel, runModel } from '../../test/helpers/op-model.js';
import { int64Tensor, node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
import { planImport } from '../index.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

describe('Unsqueeze', () => {
  it('inserts an axis into a computed [N, 2, 3] (axes input, opset 13)', () => {
    const bytes = opModel('Unsqueeze', { x: ['N', 2, 3], y: ['N', 2, 1, 3], more: ['axes'], initializers: [int64Tensor('axes', [1], [2])] });
    const y = runModel(bytes, { dims: [1, 2, 3], data: Float32Array.of(0, 1, 2, 3, 4, 5) });
    expect(y.dims).toEqual([1, 2, 1, 3]);
    expect(Array.from(y.data)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('folds a constant at import time, and refuses a new axis before the batch', () => {
    const shape = writeModel({
      nodes: [node('Unsqueeze', ['k', 'axes'], ['u']), node('Reshape', ['x', 'u'], ['y'])],
      initializers: [int64Tensor('k', [], [-1]), int64Tensor('axes', [1], [0])],
      inputs: [valueInfo('x', ['N', 2, 3])],
      outputs: [valueInfo('y', ['N', 6])],
    });
    expect(() => planImport(shape)).toThrow(/reshaping \[N, 2, 3\] to \[-1\]/);
    const bad = opModel('Unsqueeze', { x: ['N', 2, 3], more: ['axes'], initializers: [int64Tensor('axes', [1], [0])] });
    expect(() => planImport(bad)).toThrow(/put a new axis before the batch.*op Unsqueeze/);
  });
});
