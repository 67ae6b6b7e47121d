import { beforeAll, describe, expect, it } from 'vitest';
import { opModel, opsOf, runModel } from '../../test/helpers/op-model.js';
import { attr, floatTensor, node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

describe('Mul', () => {
  it('x·c per element of a [C, L] sequence (c of dims [L] broadcasts over channels)', () => {
    const x = { dims: [1, 2, 3], data: Float32Array.of(1, 2, 3, 4, 5, 6) };
    const bytes = opModel('Mul', { x: ['N', 2, 3], more: ['c'], initializers: [floatTensor('c', [3], [1, 10, 100])] });
    expect(opsOf(bytes)).toEqual(['Affine']);
    expect(Array.from(runModel(bytes, x).data)).toEqual([1, 20, 300, 4, 50, 600]);
  });

  it('folds into the Conv before it (w·s, b·s) when nothing else reads the conv', () => {
    const bytes = writeModel({
      nodes: [node('Conv', ['x', 'W', 'B'], ['c'], [attr.ints('kernel_shape', [1, 1])]), node('Mul', ['c', 's'], ['y'])],
      initializers: [floatTensor('W', [2, 1, 1, 1], [1, 2]), floatTensor('B', [2], [0.5, -1]), floatTensor('s', [2, 1, 1], [3, -2])],
      inputs: [valueInfo('x', ['N', 1, 1, 2])],
      outputs: [valueInfo('y', ['N', 2, 1, 2])],
    });
    expect(opsOf(bytes)).toEqual(['Conv2d']);
    // channel 0: (x + 0.5)·3, channel 1: (2x − 1)·(−2), x = [1, 2].
    expect(Array.from(runModel(bytes, { dims: [1, 1, 1, 2], data: Float32Array.of(1, 2) }).data)).toEqual([4.5, 7.5, -2, -6]);
  });

  it('refuses the product of two computed tensors', () => {
    const bytes = writeModel({
      nodes: [node('Relu', ['x'], ['r']), node('Mul', ['x', 'r'], ['y'], [], 'm')],
      inputs: [valueInfo('x', ['N', 3])],
      outputs: [valueInfo('y', ['N', 3])],
    });
    expect(() => opsOf(bytes)).toThrow(/multiplying two computed tensors is not supported.*node m, op Mul/);
  });
});
