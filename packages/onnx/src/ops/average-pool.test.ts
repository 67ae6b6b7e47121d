import { beforeAll, describe, expect, it } from 'vitest';
import { attr, floatTensor, int64Tensor, node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
import { pad2d, pool, rand } from '../../test/helpers/reference-ops.js';
import { maxAbsDiff, runNchw, useBackend } from '../../test/helpers/run.js';
import { importOnnx, planImport } from '../index.js';

beforeAll(() => useBackend('wasm'));

type A = ReturnType<typeof attr.i>;
/** x → [Relu] → [Pad] → pool → y */
function poolModel(op: 'AveragePool' | 'MaxPool', attrs: A[], opts: { prePad?: number[]; padValue?: number; relu?: boolean; hw?: number } = {}) {
  const hw = opts.hw ?? 6;
  const nodes = [];
  const inits = [];
  let x = 'x';
  if (opts.relu) {
    nodes.push(node('Relu', ['x'], ['r']));
    x = 'r';
  }
  if (opts.prePad) {
    const p = opts.prePad;
    inits.push(int64Tensor('pads', [8], [0, 0, p[0], p[1], 0, 0, p[2], p[3]]), floatTensor('pv', [], [opts.padValue ?? 0]));
    nodes.push(node('Pad', [x, 'pads', 'pv'], ['xp'], [], 'the_pad'));
    x = 'xp';
  }
  nodes.push(node(op, [x], ['y'], attrs, 'the_pool'));
  return writeModel({ nodes, initializers: inits, inputs: [valueInfo('x', ['N', 3, hw, hw])], outputs: [valueInfo('y', ['N', 3, 'h', 'w'])] });
}

/** Runs a 1-channel model on x = 0, 1, … as one [1, 1, hw, hw] image (the model has 3 channels: the first is read). */
function single(bytes: Uint8Array, hw: number) {
  const x = { dims: [1, 3, hw, hw], data: Float32Array.from({ length: 3 * hw * hw }, (_, i) => i % (hw * hw)) };
  const g = importOnnx(bytes);
  const y = runNchw(g, x);
  g.dispose();
  const per = y.dims[2] * y.dims[3];
  return { dims: [1, 1, y.dims[2], y.dims[3]], data: y.data.slice(0, per) };
}

const check = (bytes: Uint8Array, expected: (x: ReturnType<typeof rand>) => ReturnType<typeof rand>) => {
  const x = rand([2, 3, 6, 6], 11);
  const g = importOnnx(bytes);
  const y = runNchw(g, x);
  const ref = expected(x);
  expect(y.dims).toEqual(ref.dims);
  expect(maxAbsDiff(y.data, ref.data)).toBeLessThan(1e-5);
  g.dispose();
};

describe('AveragePool', () => {
  it('keeps count_include_pad=0 padding (PyTorch count_include_pad=False)', () => {
    const bytes = poolModel('AveragePool', [attr.ints('kernel_shape', [3, 3]), attr.ints('strides', [2, 2]), attr.ints('pads', [1, 1, 1, 1])]);
    expect(planImport(bytes).specs[0].attrs).toEqual({ kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], countIncludePad: false });
    check(bytes, (x) => pool('avg', x, [3, 3], [2, 2], [1, 1, 1, 1], false));
  });

  it('keeps count_include_pad=1', () => {
    const bytes = poolModel('AveragePool', [attr.ints('kernel_shape', [3, 3]), attr.ints('pads', [1, 1, 1, 1]), attr.i('count_include_pad', 1)]);
    check(bytes, (x) => pool('avg', x, [3, 3], [1, 1], [1, 1, 1, 1], true));
  });

  it('folds a zero Pad in front (PyTorch AvgPool2d padding) as counted padding', () => {
    const bytes = poolModel('AveragePool', [attr.ints('kernel_shape', [2, 2]), attr.ints('strides', [2, 2])], { prePad: [1, 1, 1, 1] });
    const plan = planImport(bytes);
    expect(plan.specs.map((s) => s.op)).toEqual(['AvgPool2d']);
    expect(plan.specs[0].attrs).toMatchObject({ pads: [1, 1, 1, 1], countIncludePad: true });
    check(bytes, (x) => pool('avg', pad2d(x, [1, 1, 1, 1]), [2, 2], [2, 2], [0, 0, 0, 0], false));
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
