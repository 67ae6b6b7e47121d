import { beforeAll, describe, expect, it } from 'vitest';
import { attr, floatTensor, node, writeModel } from '../../test/helpers/onnx-writer.js';
import { img, map, run, X } from '../../test/helpers/image-models.js';
import { maxAbsDiff, useBackend } from '../../test/helpers/run.js';
import { planImport } from '../index.js';

beforeAll(() => useBackend('wasm'));

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
