import { beforeAll, describe, expect, it } from 'vitest';
import { maxDiff, opModel, opsOf, runModel } from '../../test/helpers/op-model.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

// x = [[−2, −0.5, 0], [1, 4, 0.25]] as [N, 2, 3]: a sequence of 2 channels.
const x = { dims: [1, 2, 3], data: Float32Array.of(-2, -0.5, 0, 1, 4, 0.25) };

describe('Sigmoid', () => {
  it('y = 1 / (1 + e^(−x))', () => {
    const bytes = opModel('Sigmoid', { x: ['N', 2, 3] });
    expect(opsOf(bytes)).toEqual(['Sigmoid']);
    const want = Array.from(x.data, (v) => 1 / (1 + Math.exp(-v)));
    expect(maxDiff(runModel(bytes, x).data, want)).toBeLessThan(1e-6);
  });
});
