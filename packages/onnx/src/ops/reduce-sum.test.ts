import { beforeAll, describe, expect, it } from 'vitest';
import { opModel, opsOf, runModel } from '../../test/helpers/op-model.js';
import { attr, int64Tensor } from '../../test/helpers/onnx-writer.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

const x = { dims: [1, 2, 3], data: Float32Array.of(1, 2, 3, 10, 20, 30) };

describe('ReduceSum', () => {
  it('sums over L (axes input, opset 13), keepdims=1', () => {
    const bytes = opModel('ReduceSum', { x: ['N', 2, 3], y: ['N', 2, 1], more: ['axes'], initializers: [int64Tensor('axes', [1], [2])] });
    expect(opsOf(bytes)).toEqual(['Reduce']);
    expect(Array.from(runModel(bytes, x).data)).toEqual([6, 60]);
  });

  it('over channels with keepdims=0, and the axes attribute before opset 13', () => {
    const bytes = opModel('ReduceSum', { x: ['N', 2, 3], y: ['N', 3], opset: 11, attrs: [attr.ints('axes', [1]), attr.i('keepdims', 0)] });
    expect(Array.from(runModel(bytes, x).data)).toEqual([11, 22, 33]);
  });

  it('empty axes with noop_with_empty_axes=1 is the identity', () => {
    const bytes = opModel('ReduceSum', {
      x: ['N', 2, 3],
      more: ['axes'],
      initializers: [int64Tensor('axes', [0], [])],
      attrs: [attr.i('noop_with_empty_axes', 1)],
    });
    expect(Array.from(runModel(bytes, x).data)).toEqual(Array.from(x.data));
  });
});
