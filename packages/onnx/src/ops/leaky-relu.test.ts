import { beforeAll, describe, expect, it } from 'vitest';
import { maxDiff, opModel, opsOf, runModel } from '../../test/helpers/op-model.js';
import { attr } from '../../test/helpers/onnx-writer.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

// x = [[−2, −0.5, 0], [1, 4, 0.25]] as [N, 2, 3]: a sequence of 2 channels.
const x = { dims: [1, 2, 3], data: Float32Array.of(-2, -0.5, 0, 1, 4, 0.25) };

describe('LeakyRelu', () => {
  it('y = x, or alpha·x below 0 (alpha = 0.1)', () => {
    const bytes = opModel('LeakyRelu', { x: ['N', 2, 3], attrs: [attr.f('alpha', 0.1)] });
    expect(opsOf(bytes)).toEqual(['LeakyReLU']);
    const want = Array.from(x.data, (v) => (v >= 0 ? v : 0.1 * v));
    expect(maxDiff(runModel(bytes, x).data, want)).toBeLessThan(1e-6);
  });
});

describe('LeakyRelu defaults', () => {
  it('alpha defaults to 0.01', () => {
    expect(
      maxDiff(
        runModel(opModel('LeakyRelu', { x: ['N', 2, 3] }), x).data,
        Array.from(x.data, (v) => (v >= 0 ? v : 0.01 * v)),
      ),
    ).toBeLessThan(1e-7);
  });
});
