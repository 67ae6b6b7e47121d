import { beforeAll, describe, expect, it } from 'vitest';
import { elementwise, maxDiff } from '../../test/helpers/op-model.js';
import { attr } from '../../test/helpers/onnx-writer.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

describe('LeakyRelu', () => {
  it('y = x, or alpha·x below 0 (alpha = 0.1)', () => {
    const { ops, got, want } = elementwise('LeakyRelu', (v) => (v >= 0 ? v : 0.1 * v), { attrs: [attr.f('alpha', 0.1)] });
    expect(ops).toEqual(['LeakyReLU']);
    expect(maxDiff(got, want)).toBeLessThan(1e-6);
  });
});

describe('LeakyRelu defaults', () => {
  it('alpha defaults to 0.01', () => {
    const { got, want } = elementwise('LeakyRelu', (v) => (v >= 0 ? v : 0.01 * v));
    expect(maxDiff(got, want)).toBeLessThan(1e-7);
  });
});
