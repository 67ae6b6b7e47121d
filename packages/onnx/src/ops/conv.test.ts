import { beforeAll, describe, expect, it } from 'vitest';
import { attr, floatTensor, int64Tensor, node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
import { conv as refConv, pad2d, rand } from '../../test/helpers/reference-ops.js';
import { maxAbsDiff, runNchw, useBackend } from '../../test/helpers/run.js';
import { importOnnx, OnnxImportError, planImport } from '../index.js';

beforeAll(() => useBackend('wasm'));

function convModel(opts: { c: number; m: number; group?: number; attrs?: ReturnType<typeof attr.i>[]; prePad?: number[]; padValue?: number; hw?: number }) {
  const { c, m, group = 1, hw = 7 } = opts;
  const w = rand([m, c / group, 3, 3], 1);
  const b = rand([m], 2);
  const nodes = [];
  let x = 'x';
  const inits = [floatTensor('W', w.dims, w.data), floatTensor('B', b.dims, b.data)];
  if (opts.prePad) {
    inits.push(int64Tensor('pads', [8], [0, 0, opts.prePad[0], opts.prePad[1], 0, 0, opts.prePad[2], opts.prePad[3]]));
    inits.push(floatTensor('pv', [], [opts.padValue ?? 0]));
    nodes.push(node('Pad', ['x', 'pads', 'pv'], ['xp'], [attr.s('mode', 'constant')], 'the_pad'));
    x = 'xp';
  }
  nodes.push(node('Conv', [x, 'W', 'B'], ['y'], [attr.i('group', group), ...(opts.attrs ?? [])], 'the_conv'));
  const bytes = writeModel({ nodes, initializers: inits, inputs: [valueInfo('x', ['N', c, hw, hw])], outputs: [valueInfo('y', ['N', m, 'h', 'w'])] });
  return { bytes, w, b };
}

describe('Conv', () => {
  it('moves OIHW to HWIO and keeps asymmetric pads and strides (matches an NCHW reference)', () => {
    const pads = [1, 0, 2, 1];
    const { bytes, w, b } = convModel({ c: 3, m: 4, attrs: [attr.ints('pads', pads), attr.ints('strides', [2, 1])] });
    const plan = planImport(bytes);
    expect(plan.specs[0]).toMatchObject({ op: 'Conv2d', attrs: { pads, strides: [2, 1], dilations: [1, 1], groups: 1 } });
    expect(plan.specs[0].params?.weight.dims).toEqual([3, 3, 3, 4]);
    const x = rand([2, 3, 7, 7], 3);
    const g = importOnnx(bytes);
    const y = runNchw(g, x);
    const ref = refConv(x, w, b.data, pads, [2, 1]);
    expect(y.dims).toEqual(ref.dims);
    expect(maxAbsDiff(y.data, ref.data)).toBeLessThan(1e-5);
    g.dispose();
  });

  it('handles groups', () => {
    const { bytes, w, b } = convModel({ c: 4, m: 6, group: 2, attrs: [attr.ints('pads', [1, 1, 1, 1])] });
    const x = rand([1, 4, 7, 7], 4);
    const g = importOnnx(bytes);
    expect(maxAbsDiff(runNchw(g, x).data, refConv(x, w, b.data, [1, 1, 1, 1], [1, 1], 2).data)).toBeLessThan(1e-5);
    g.dispose();
  });

  it('resolves auto_pad SAME_UPPER (extra padding at the end)', () => {
    const { bytes, w, b } = convModel({ c: 2, m: 2, hw: 6, attrs: [attr.s('auto_pad', 'SAME_UPPER'), attr.ints('strides', [2, 2])] });
    expect(planImport(bytes).specs[0].attrs?.pads).toEqual([0, 0, 1, 1]);
    const x = rand([1, 2, 6, 6], 5);
    const g = importOnnx(bytes);
    expect(maxAbsDiff(runNchw(g, x).data, refConv(x, w, b.data, [0, 0, 1, 1], [2, 2]).data)).toBeLessThan(1e-5);
    g.dispose();
  });

  it('folds a zero Pad in front into its pads', () => {
    const { bytes, w, b } = convModel({ c: 2, m: 3, prePad: [2, 1, 0, 1] });
    const plan = planImport(bytes);
    expect(plan.specs.map((s) => s.op)).toEqual(['Conv2d']);
    expect(plan.specs[0].attrs?.pads).toEqual([2, 1, 0, 1]);
    const x = rand([1, 2, 7, 7], 6);
    const g = importOnnx(bytes);
    expect(maxAbsDiff(runNchw(g, x).data, refConv(pad2d(x, [2, 1, 0, 1]), w, b.data, [0, 0, 0, 0], [1, 1]).data)).toBeLessThan(1e-5);
    g.dispose();
  });

  it('refuses a non-zero Pad in front, naming the Pad node', () => {
    const { bytes } = convModel({ c: 2, m: 3, prePad: [1, 1, 1, 1], padValue: 1 });
    expect(() => planImport(bytes)).toThrow(OnnxImportError);
    expect(() => planImport(bytes)).toThrow(/Pad node the_pad before it pads with 1.*node the_conv, op Conv, opset 13/);
  });

  it('runs a 1-D conv ([N, C, L], weight [M, C, k]) as the 2-D one over [N, 1, L, C]', () => {
    const w = rand([4, 3, 3], 7);
    const b = rand([4], 8);
    const bytes = writeModel({
      nodes: [node('Conv', ['x', 'W', 'B'], ['y'], [attr.ints('pads', [2, 1]), attr.ints('strides', [2]), attr.ints('dilations', [1])], 'conv1d')],
      initializers: [floatTensor('W', w.dims, w.data), floatTensor('B', b.dims, b.data)],
      inputs: [valueInfo('x', ['N', 3, 11])],
      outputs: [valueInfo('y', ['N', 4, 'L'])],
    });
    const plan = planImport(bytes);
    expect(plan.inputs[0].shape).toEqual([1, 11, 3]);
    expect(plan.specs[0]).toMatchObject({ op: 'Conv2d', attrs: { pads: [0, 2, 0, 1], strides: [1, 2] } });
    const x = rand([2, 3, 11], 9);
    const g = importOnnx(bytes);
    const y = runNchw(g, x);
    // The same conv as 2-D over [N, C, 1, L] with a [M, C, 1, k] weight.
    const ref = refConv({ dims: [2, 3, 1, 11], data: x.data }, { dims: [4, 3, 1, 3], data: w.data }, b.data, [0, 2, 0, 1], [1, 2]);
    expect(y.dims).toEqual([2, 4, 1, 6]); // ⌊(11 + 3 − 3)/2⌋ + 1
    expect(maxAbsDiff(y.data, ref.data)).toBeLessThan(1e-5);
    g.dispose();
  });

  it('refuses a weight that is not a constant', () => {
    const bytes = writeModel({
      nodes: [node('Conv', ['x', 'x'], ['y'])],
      inputs: [valueInfo('x', ['N', 1, 3, 3])],
      outputs: [valueInfo('y', ['N', 1, 1, 1])],
    });
    expect(() => planImport(bytes)).toThrow(/input 1 \('x'\) must be a constant/);
  });
});
