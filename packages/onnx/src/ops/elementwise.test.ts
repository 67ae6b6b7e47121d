import { beforeAll, describe, expect, it } from 'vitest';
import { attr, floatTensor, node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
import { rand, type T } from '../../test/helpers/reference-ops.js';
import { maxAbsDiff, runNchw, useBackend } from '../../test/helpers/run.js';
import { importOnnx, planImport } from '../index.js';

beforeAll(() => useBackend('wasm'));

const X = rand([2, 3, 4, 5], 41);
const img = (name: string, c = 3) => valueInfo(name, ['N', c, 4, 5]);
const map = (x: T, f: (v: number) => number): T => ({ dims: x.dims, data: x.data.map(f) });

function run(bytes: Uint8Array, x: T = X) {
  const g = importOnnx(bytes);
  const y = runNchw(g, x);
  g.dispose();
  return y;
}

describe('Clip', () => {
  it('reads min/max inputs (opset ≥ 11), from initializers or Constant nodes', () => {
    const bytes = writeModel({
      nodes: [node('Constant', [], ['hi'], [attr.t('value', floatTensor('', [], [0.5]))]), node('Clip', ['x', 'lo', 'hi'], ['y'])],
      initializers: [floatTensor('lo', [], [-0.25])],
      inputs: [img('x')],
      outputs: [img('y')],
    });
    expect(planImport(bytes).specs[0]).toMatchObject({ op: 'Clip', attrs: { min: -0.25, max: 0.5 } });
    expect(maxAbsDiff(run(bytes).data, map(X, (v) => Math.min(0.5, Math.max(-0.25, v))).data)).toBe(0);
  });

  it('reads min/max attributes before opset 11, and turns Clip(0, ∞) into a ReLU', () => {
    const old = writeModel({ opset: 9, nodes: [node('Clip', ['x'], ['y'], [attr.f('min', 0), attr.f('max', 6)])], inputs: [img('x')], outputs: [img('y')] });
    expect(planImport(old).specs[0]).toMatchObject({ op: 'Clip', attrs: { min: 0, max: 6 } });
    const relu = writeModel({
      nodes: [node('Clip', ['x', 'zero'], ['y'])],
      initializers: [floatTensor('zero', [], [0])],
      inputs: [img('x')],
      outputs: [img('y')],
    });
    expect(planImport(relu).specs[0].op).toBe('ReLU');
  });
});

describe('Add, Sum, Concat', () => {
  it('adds two computed tensors (a residual) and sums three', () => {
    const add = writeModel({ nodes: [node('Relu', ['x'], ['r']), node('Add', ['x', 'r'], ['y'])], inputs: [img('x')], outputs: [img('y')] });
    expect(maxAbsDiff(run(add).data, map(X, (v) => v + Math.max(0, v)).data)).toBeLessThan(1e-6);
    const sum = writeModel({ nodes: [node('Relu', ['x'], ['r']), node('Sum', ['x', 'r', 'r'], ['y'])], inputs: [img('x')], outputs: [img('y')] });
    expect(planImport(sum).specs[1]).toMatchObject({ op: 'Add', inputs: ['x', 'Relu_r', 'Relu_r'] });
    expect(maxAbsDiff(run(sum).data, map(X, (v) => v + 2 * Math.max(0, v)).data)).toBeLessThan(1e-6);
  });

  it('refuses broadcasting adds', () => {
    const bytes = writeModel({
      nodes: [node('GlobalAveragePool', ['x'], ['p']), node('Add', ['x', 'p'], ['y'])],
      inputs: [img('x')],
      outputs: [img('y')],
    });
    expect(() => planImport(bytes)).toThrow(/shapes \[N, 3, 4, 5\] and \[N, 3, 1, 1\]; broadcasting two computed tensors is not supported/);
  });

  it('concatenates along channels: ONNX axis 1 becomes NHWC axis 3', () => {
    const bytes = writeModel({
      nodes: [node('Relu', ['x'], ['r']), node('Concat', ['x', 'r'], ['y'], [attr.i('axis', 1)])],
      inputs: [img('x')],
      outputs: [img('y', 6)],
    });
    expect(planImport(bytes).specs[1].attrs).toEqual({ axis: 3 });
    const y = run(bytes);
    expect(y.dims).toEqual([2, 6, 4, 5]);
    const per = 3 * 4 * 5;
    const ref = new Float32Array(2 * 2 * per);
    for (let n = 0; n < 2; n++)
      for (let i = 0; i < per; i++) {
        ref[n * 2 * per + i] = X.data[n * per + i];
        ref[n * 2 * per + per + i] = Math.max(0, X.data[n * per + i]);
      }
    expect(maxAbsDiff(y.data, ref)).toBe(0);
    const neg = writeModel({ nodes: [node('Concat', ['x', 'x'], ['y'], [attr.i('axis', -2)])], inputs: [img('x')], outputs: [img('y')] });
    expect(planImport(neg).specs[0].attrs).toEqual({ axis: 1 });
    const batch = writeModel({ nodes: [node('Concat', ['x', 'x'], ['y'], [attr.i('axis', 0)])], inputs: [img('x')], outputs: [img('y')] });
    expect(() => planImport(batch)).toThrow(/axis=0 .* not supported/);
  });
});

describe('Dropout, Identity, Constant', () => {
  it('Dropout reads ratio as an attribute before opset 12 and as an input after; Identity emits nothing', () => {
    const v10 = writeModel({ opset: 10, nodes: [node('Dropout', ['x'], ['y'], [attr.f('ratio', 0.25)])], inputs: [img('x')], outputs: [img('y')] });
    expect(planImport(v10).specs[0]).toMatchObject({ op: 'Dropout', attrs: { rate: 0.25 } });
    const v13 = writeModel({
      nodes: [node('Identity', ['x'], ['i']), node('Dropout', ['i', 'r'], ['y', 'mask'])],
      initializers: [floatTensor('r', [], [0.3])],
      inputs: [img('x')],
      outputs: [img('y')],
    });
    const plan = planImport(v13);
    expect(plan.specs).toHaveLength(1);
    expect(plan.specs[0].inputs).toEqual(['x']);
    expect(plan.specs[0].attrs?.rate).toBe(0.3);
    expect(maxAbsDiff(run(v13).data, X.data)).toBe(0);
  });

  it('a graph input passed straight to the output gets an Identity node', () => {
    const bytes = writeModel({ nodes: [node('Identity', ['x'], ['y'])], inputs: [img('x')], outputs: [img('y')] });
    expect(planImport(bytes).specs).toMatchObject([{ op: 'Identity', inputs: ['x'] }]);
    expect(maxAbsDiff(run(bytes).data, X.data)).toBe(0);
  });

  it('Constant refuses values it cannot hold', () => {
    const bytes = writeModel({ nodes: [node('Constant', [], ['c'], [attr.s('value_string', 'hi')])], inputs: [img('x')], outputs: [img('x')] });
    expect(() => planImport(bytes)).toThrow(/value attribute \(value_string\) is not supported/);
  });
});
