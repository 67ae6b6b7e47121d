import { beforeAll, describe, expect, it } from 'vitest';
import { maxDiff, opModel, opsOf, runModel } from '../../test/helpers/op-model.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

// x = [[−2, −0.5, 0], [1, 4, 0.25]] as [N, 2, 3]: a sequence of 2 channels.
const x = { dims: [1, 2, 3], data: Float32Array.of(-2, -0.5, 0, 1, 4, 0.25) };

describe('Exp', () => {
  it('y = e^x', () => {
    const bytes = opModel('Exp', { x: ['N', 2, 3] });
    expect(opsOf(bytes)).toEqual(['Exp']);
    const want = Array.from(x.data, Math.exp);
    expect(maxDiff(runModel(bytes, x).data, want)).toBeLessThan(1e-5); // e^4 ≈ 54.6: a few float32 ulps
  });
});
