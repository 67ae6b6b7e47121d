import { beforeAll, describe, expect, it } from 'vitest';
import { elementwise, maxDiff } from '../../test/helpers/op-model.js';

import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

describe('Sigmoid', () => {
  it('y = 1 / (1 + e^(−x))', () => {
    const { ops, got, want } = elementwise('Sigmoid', (v) => 1 / (1 + Math.exp(-v)));
    expect(ops).toEqual(['Sigmoid']);
    expect(maxDiff(got, want)).toBeLessThan(1e-6);
  });
});
