import { beforeAll, describe, expect, it } from 'vitest';
import { runModel } from '../../test/helpers/op-model.js';
import { int64Tensor, node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

describe('Gather', () => {
  it('picks shape entries at import time, negative indices from the end', () => {
    const bytes = writeModel({
      nodes: [
        node('Shape', ['x'], ['s']),
        node('Gather', ['s', 'i0'], ['n']),
        node('Gather', ['s', 'ilast'], ['l']),
        node('Gather', ['s', 'i1'], ['c']),
        node('Concat', ['n', 'l', 'c'], ['target'], [{ name: 'axis', type: 2, i: 0 }]),
        node('Reshape', ['x', 'target'], ['y']),
      ],
      initializers: [int64Tensor('i0', [1], [0]), int64Tensor('ilast', [1], [-1]), int64Tensor('i1', [1], [1])],
      inputs: [valueInfo('x', ['N', 2, 3])],
      outputs: [valueInfo('y', ['N', 3, 2])],
    });
    const y = runModel(bytes, { dims: [1, 2, 3], data: Float32Array.of(0, 1, 2, 3, 4, 5) });
    expect(y.dims).toEqual([1, 3, 1, 2]); // [N, 3, 2] held as [N, 1, 2, 3] comes back as [N, 3, 1, 2]
    expect(Array.from(y.data)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
