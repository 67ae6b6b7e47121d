import { beforeAll, describe, expect, it } from 'vitest';
import { attr, node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
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

describe('Concat', () => {
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
