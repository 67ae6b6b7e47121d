import { beforeAll, describe, expect, it } from 'vitest';
import { opModel, runModel } from '../../test/helpers/op-model.js';
import { int64Tensor } from '../../test/helpers/onnx-writer.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

const x = { dims: [1, 2, 1, 3], data: Float32Array.of(0, 1, 2, 3, 4, 5) };

describe('Squeeze', () => {
  it('drops a size-1 axis (axes input, opset 13); values keep their order', () => {
    const bytes = opModel('Squeeze', { x: ['N', 2, 1, 3], y: ['N', 2, 3], more: ['axes'], initializers: [int64Tensor('axes', [1], [2])] });
    expect(Array.from(runModel(bytes, x).data)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('without axes drops every size-1 axis but the batch, and refuses one of size > 1', () => {
    expect(Array.from(runModel(opModel('Squeeze', { x: ['N', 2, 1, 3], y: ['N', 2, 3] }), x).data)).toEqual([0, 1, 2, 3, 4, 5]);
    const bad = opModel('Squeeze', { x: ['N', 2, 1, 3], more: ['axes'], initializers: [int64Tensor('axes', [1], [1])] });
    expect(() => runModel(bad, x)).toThrow(/axis 1 has size 2, not 1/);
  });
});
