import { beforeAll, describe, expect, it } from 'vitest';
import { attr, node, writeModel } from '../../test/helpers/onnx-writer.js';
import { img, run, X } from '../../test/helpers/image-models.js';
import { maxAbsDiff, useBackend } from '../../test/helpers/run.js';
import { planImport } from '../index.js';

beforeAll(() => useBackend('wasm'));

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
