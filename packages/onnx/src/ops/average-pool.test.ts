import { beforeAll, describe, expect, it } from 'vitest';
import { attr } from '../../test/helpers/onnx-writer.js';
import { pad2d, pool } from '../../test/helpers/reference-ops.js';
import { useBackend } from '../../test/helpers/run.js';
import { checkPool, poolModel, single } from '../../test/helpers/pool-models.js';
import { planImport } from '../index.js';

beforeAll(() => useBackend('wasm'));

describe('AveragePool', () => {
  it('keeps count_include_pad=0 padding (PyTorch count_include_pad=False)', () => {
    const bytes = poolModel('AveragePool', [attr.ints('kernel_shape', [3, 3]), attr.ints('strides', [2, 2]), attr.ints('pads', [1, 1, 1, 1])]);
    expect(planImport(bytes).specs[0].attrs).toEqual({ kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], countIncludePad: false });
    checkPool(bytes, (x) => pool('avg', x, [3, 3], [2, 2], [1, 1, 1, 1], false));
  });

  it('keeps count_include_pad=1', () => {
    const bytes = poolModel('AveragePool', [attr.ints('kernel_shape', [3, 3]), attr.ints('pads', [1, 1, 1, 1]), attr.i('count_include_pad', 1)]);
    checkPool(bytes, (x) => pool('avg', x, [3, 3], [1, 1], [1, 1, 1, 1], true));
  });

  it('folds a zero Pad in front (PyTorch AvgPool2d padding) as counted padding', () => {
    const bytes = poolModel('AveragePool', [attr.ints('kernel_shape', [2, 2]), attr.ints('strides', [2, 2])], { prePad: [1, 1, 1, 1] });
    const plan = planImport(bytes);
    expect(plan.specs.map((s) => s.op)).toEqual(['AvgPool2d']);
    expect(plan.specs[0].attrs).toMatchObject({ pads: [1, 1, 1, 1], countIncludePad: true });
    checkPool(bytes, (x) => pool('avg', pad2d(x, [1, 1, 1, 1]), [2, 2], [2, 2], [0, 0, 0, 0], false));
  });

  it('ceil_mode=1 averages the extra window over its cells inside the input (hand values)', () => {
    // x = 0..24 as 5×5, kernel 2, stride 2, ceil → 3×3; the last column's windows hold 1 column.
    const bytes = poolModel('AveragePool', [attr.ints('kernel_shape', [2, 2]), attr.ints('strides', [2, 2]), attr.i('ceil_mode', 1)], { hw: 5 });
    expect(planImport(bytes).specs[0].attrs).toMatchObject({ pads: [0, 0, 1, 1], countIncludePad: false });
    const y = single(bytes, 5);
    expect(y.dims).toEqual([1, 1, 3, 3]);
    expect(Array.from(y.data)).toEqual([3, 5, 6.5, 13, 15, 16.5, 20.5, 22.5, 24]);
    // Same size as floor: nothing added.
    expect(
      planImport(poolModel('AveragePool', [attr.ints('kernel_shape', [2, 2]), attr.ints('strides', [2, 2]), attr.i('ceil_mode', 1)], { hw: 6 })).specs[0].attrs,
    ).toMatchObject({ pads: [0, 0, 0, 0] });
  });

  it('refuses ceil_mode=1 where counted padding would change the extra window', () => {
    const k = [
      attr.ints('kernel_shape', [3, 3]),
      attr.ints('strides', [2, 2]),
      attr.ints('pads', [1, 1, 1, 1]),
      attr.i('count_include_pad', 1),
      attr.i('ceil_mode', 1),
    ];
    expect(() => planImport(poolModel('AveragePool', k, { hw: 6 }))).toThrow(/ceil_mode=1 with counted padding/);
  });

  it('refuses a Pad it cannot fold next to count_include_pad=0 padding', () => {
    const bytes = poolModel('AveragePool', [attr.ints('kernel_shape', [3, 3]), attr.ints('pads', [1, 1, 1, 1])], { prePad: [1, 0, 0, 0] });
    expect(() => planImport(bytes)).toThrow(/Pad node the_pad .* cannot be folded into it together with its own count_include_pad=0 padding/);
  });
});
