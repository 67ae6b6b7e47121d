import { beforeAll, describe, expect, it } from 'vitest';
import { opsOf, runModel } from '../../test/helpers/op-model.js';
import { node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

describe('Sum', () => {
  it('adds three computed tensors of one shape in one Add node', () => {
    const bytes = writeModel({
      nodes: [node('Relu', ['x'], ['r']), node('Sum', ['x', 'r', 'x'], ['y'])],
      inputs: [valueInfo('x', ['N', 3])],
      outputs: [valueInfo('y', ['N', 3])],
    });
    expect(opsOf(bytes)).toEqual(['ReLU', 'Add']);
    expect(Array.from(runModel(bytes, { dims: [1, 3], data: Float32Array.of(-1, 2, 0) }).data)).toEqual([-2, 6, 0]);
  });
});
