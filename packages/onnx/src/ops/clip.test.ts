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
