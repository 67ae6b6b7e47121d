import { beforeAll, describe, expect, it } from 'vitest';
import { maxDiff, opModel, opsOf, runModel } from '../../test/helpers/op-model.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

// x = [[−2, −0.5, 0], [1, 4, 0.25]] as [N, 2, 3]: a sequence of 2 channels.
const x = { dims: [1, 2, 3], data: Float32Array.of(-2, -0.5, 0, 1, 4, 0.25) };

describe('Relu', () => {
  it('y = max(0, x)', () => {
    const bytes = opModel('Relu', { x: ['N', 2, 3] });
    expect(opsOf(bytes)).toEqual(['ReLU']);
    const want = Array.from(x.data, (v) => Math.max(0, v));
    expect(maxDiff(runModel(bytes, x).data, want)).toBeLessThan(1e-6);
  });
});
