import { beforeAll, describe, expect, it } from 'vitest';
import { maxDiff, opModel, opsOf, runModel } from '../../test/helpers/op-model.js';
import { attr } from '../../test/helpers/onnx-writer.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

// x = 0..11 as [N, 3, 2, 2]: channel c holds 4c..4c+3.
const x = { dims: [1, 3, 2, 2], data: Float32Array.from({ length: 12 }, (_, i) => i) };

describe('ReduceMean', () => {
  it('over H and W with keepdims is GlobalAvgPool (x.mean([2, 3], keepdim=True))', () => {
    const bytes = opModel('ReduceMean', { x: ['N', 3, 2, 2], y: ['N', 3, 1, 1], attrs: [attr.ints('axes', [2, 3])] });
    expect(opsOf(bytes)).toEqual(['GlobalAvgPool']);
    expect(Array.from(runModel(bytes, x).data)).toEqual([1.5, 5.5, 9.5]);
  });

  it('x.mean([2, 3]) (keepdims=0) gives [N, C]', () => {
    const bytes = opModel('ReduceMean', { x: ['N', 3, 2, 2], y: ['N', 3], attrs: [attr.ints('axes', [-2, -1]), attr.i('keepdims', 0)] });
    const y = runModel(bytes, x);
    expect(y.dims).toEqual([1, 3]);
    expect(Array.from(y.data)).toEqual([1.5, 5.5, 9.5]);
  });

  it('over the channel axis', () => {
    const y = runModel(opModel('ReduceMean', { x: ['N', 3, 2, 2], y: ['N', 1, 2, 2], attrs: [attr.ints('axes', [1])] }), x);
    expect(maxDiff(y.data, [4, 5, 6, 7])).toBeLessThan(1e-6);
  });

  it('refuses the batch axis and absent axes (every axis)', () => {
    expect(() => opsOf(opModel('ReduceMean', { x: ['N', 3, 2, 2], attrs: [attr.ints('axes', [0, 1])] }))).toThrow(/include the batch axis 0.*op ReduceMean/);
    expect(() => opsOf(opModel('ReduceMean', { x: ['N', 3, 2, 2] }))).toThrow(/reduces every axis, the batch included/);
  });
});
