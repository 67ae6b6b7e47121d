import { beforeAll, describe, expect, it } from 'vitest';
import { attr, floatTensor, node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
import { rand, type T } from '../../test/helpers/reference-ops.js';
import { maxAbsDiff, runNchw, useBackend } from '../../test/helpers/run.js';
import { importOnnx, planImport } from '../index.js';

beforeAll(() => useBackend('wasm'));

const X = rand([2, 3, 4, 5], 41);
const img = (name: string, c = 3) => valueInfo(name, ['N', c, 4, 5]);

function run(bytes: Uint8Array, x: T = X) {
  const g = importOnnx(bytes);
  const y = runNchw(g, x);
  g.dispose();
  return y;
}

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
