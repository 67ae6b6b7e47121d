import { beforeAll, describe, expect, it } from 'vitest';
import { attr, floatTensor, node, writeModel } from '../../test/helpers/onnx-writer.js';
import { img, run, X } from '../../test/helpers/image-models.js';
import { maxAbsDiff, useBackend } from '../../test/helpers/run.js';
import { planImport } from '../index.js';

beforeAll(() => useBackend('wasm'));

describe('Dropout', () => {
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
});
