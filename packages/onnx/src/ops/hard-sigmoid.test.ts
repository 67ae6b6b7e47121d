import { beforeAll, describe, expect, it } from 'vitest';
import { maxDiff, opModel, opsOf, runModel } from '../../test/helpers/op-model.js';
import { attr } from '../../test/helpers/onnx-writer.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

// x = [[−2, −0.5, 0], [1, 4, 0.25]] as [N, 2, 3]: a sequence of 2 channels.
const x = { dims: [1, 2, 3], data: Float32Array.of(-2, -0.5, 0, 1, 4, 0.25) };

describe('HardSigmoid', () => {
  it('y = max(0, min(1, alpha·x + beta)) (alpha 0.5, beta 0.25)', () => {
    const bytes = opModel('HardSigmoid', { x: ['N', 2, 3], attrs: [attr.f('alpha', 0.5), attr.f('beta', 0.25)] });
    expect(opsOf(bytes)).toEqual(['HardSigmoid']);
    const want = Array.from(x.data, (v) => Math.min(1, Math.max(0, 0.5 * v + 0.25)));
    expect(maxDiff(runModel(bytes, x).data, want)).toBeLessThan(1e-6);
  });
});

describe('HardSigmoid defaults', () => {
  it('alpha = 0.2, beta = 0.5 by default', () => {
    const y = runModel(opModel('HardSigmoid', { x: ['N', 2, 3] }), x).data;
    expect(
      maxDiff(
        y,
        Array.from(x.data, (v) => Math.min(1, Math.max(0, 0.2 * v + 0.5))),
      ),
    ).toBeLessThan(1e-7);
  });
});
