import { beforeAll, describe, expect, it } from 'vitest';
import { elementwise, maxDiff } from '../../test/helpers/op-model.js';
import { attr } from '../../test/helpers/onnx-writer.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

describe('HardSigmoid', () => {
  it('y = max(0, min(1, alpha·x + beta)) (alpha 0.5, beta 0.25)', () => {
    const { ops, got, want } = elementwise('HardSigmoid', (v) => Math.min(1, Math.max(0, 0.5 * v + 0.25)), {
      attrs: [attr.f('alpha', 0.5), attr.f('beta', 0.25)],
    });
    expect(ops).toEqual(['HardSigmoid']);
    expect(maxDiff(got, want)).toBeLessThan(1e-6);
  });
});

describe('HardSigmoid defaults', () => {
  it('alpha = 0.2, beta = 0.5 by default', () => {
    const { got, want } = elementwise('HardSigmoid', (v) => Math.min(1, Math.max(0, 0.2 * v + 0.5)));
    expect(maxDiff(got, want)).toBeLessThan(1e-7);
  });
});
