import { beforeAll, describe, expect, it } from 'vitest';
import { attr, node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
import { pad2d, pool, relu } from '../../test/helpers/reference-ops.js';
import { useBackend } from '../../test/helpers/run.js';
import { checkPool, poolModel, single } from '../../test/helpers/pool-models.js';
import { planImport } from '../index.js';

beforeAll(() => useBackend('wasm'));

describe('MaxPool', () => {
  it('pads with −∞', () => {
    const bytes = poolModel('MaxPool', [attr.ints('kernel_shape', [3, 3]), attr.ints('strides', [2, 2]), attr.ints('pads', [1, 1, 1, 1])]);
    checkPool(bytes, (x) => pool('max', x, [3, 3], [2, 2], [1, 1, 1, 1], false));
  });

  it('folds a zero Pad after a ReLU (the max cannot change)', () => {
    const bytes = poolModel('MaxPool', [attr.ints('kernel_shape', [2, 2]), attr.ints('strides', [2, 2])], { prePad: [1, 1, 1, 1], relu: true });
    expect(planImport(bytes).specs.map((s) => s.op)).toEqual(['ReLU', 'MaxPool2d']);
    checkPool(bytes, (x) => pool('max', pad2d(relu(x), [1, 1, 1, 1]), [2, 2], [2, 2], [0, 0, 0, 0], false));
  });

  it('ceil_mode=1 adds the extra window as −∞ padding (hand values; PyTorch MaxPool2d(2, ceil_mode=True))', () => {
    const bytes = poolModel('MaxPool', [attr.ints('kernel_shape', [2, 2]), attr.ints('strides', [2, 2]), attr.i('ceil_mode', 1)], { hw: 5 });
    expect(planImport(bytes).specs[0].attrs).toEqual({ kernel: [2, 2], strides: [2, 2], pads: [0, 0, 1, 1] });
    const y = single(bytes, 5);
    expect(y.dims).toEqual([1, 1, 3, 3]);
    expect(Array.from(y.data)).toEqual([6, 8, 9, 16, 18, 19, 21, 23, 24]);
  });

  it('ceil_mode=1 never starts a window in the end padding (kernel 2, stride 2, pads 1 over 5: 3 windows, not 4)', () => {
    const bytes = poolModel(
      'MaxPool',
      [attr.ints('kernel_shape', [2, 2]), attr.ints('strides', [2, 2]), attr.ints('pads', [1, 1, 1, 1]), attr.i('ceil_mode', 1)],
      { hw: 5 },
    );
    // ⌈(5 + 2 − 2)/2⌉ + 1 = 4 windows, but the fourth would start at 6 ≥ 5 + 1: dropped → 3, as floor.
    expect(planImport(bytes).specs[0].attrs).toMatchObject({ pads: [1, 1, 1, 1] });
    expect(single(bytes, 5).dims).toEqual([1, 1, 3, 3]);
  });

  it('dilations space the taps (hand values)', () => {
    const bytes = poolModel('MaxPool', [attr.ints('kernel_shape', [2, 2]), attr.ints('dilations', [2, 2])], { hw: 4 });
    expect(planImport(bytes).specs[0].attrs).toMatchObject({ dilations: [2, 2] });
    expect(Array.from(single(bytes, 4).data)).toEqual([10, 11, 14, 15]);
  });

  it('refuses a zero Pad over values that may be negative', () => {
    const bytes = poolModel('MaxPool', [attr.ints('kernel_shape', [2, 2])], { prePad: [1, 1, 1, 1] });
    expect(() => planImport(bytes)).toThrow(/only −∞, or 0 after a ReLU/);
  });

  it('refuses a used Indices output', () => {
    const bytes = writeModel({
      nodes: [node('MaxPool', ['x'], ['y', 'idx'], [attr.ints('kernel_shape', [2, 2])])],
      inputs: [valueInfo('x', ['N', 1, 4, 4])],
      outputs: [valueInfo('y', ['N', 1, 3, 3]), valueInfo('idx', ['N', 1, 3, 3])],
    });
    expect(() => planImport(bytes)).toThrow(/Indices output is used/);
  });
});
