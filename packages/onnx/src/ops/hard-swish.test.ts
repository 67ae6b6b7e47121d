import { beforeAll, describe, expect, it } from 'vitest';
import { maxDiff, opModel, opsOf, runModel } from '../../test/helpers/op-model.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

// x = [[−2, −0.5, 0], [1, 4, 0.25]] as [N, 2, 3]: a sequence of 2 channels.
const x = { dims: [1, 2, 3], data: Float32Array.of(-2, -0.5, 0, 1, 4, 0.25) };

describe('HardSwish', () => {
  it('y = x·max(0, min(1, x/6 + 1/2))', () => {
    const bytes = opModel('HardSwish', { x: ['N', 2, 3] });
    expect(opsOf(bytes)).toEqual(['HardSwish']);
    const want = Array.from(x.data, (v) => v * Math.min(1, Math.max(0, v / 6 + 0.5)));
    expect(maxDiff(runModel(bytes, x).data, want)).toBeLessThan(1e-6);
  });
});
