import { beforeAll, describe, expect, it } from 'vitest';
import { elementwise, maxDiff } from '../../test/helpers/op-model.js';

import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

describe('Tanh', () => {
  it('y = tanh(x)', () => {
    const { ops, got, want } = elementwise('Tanh', Math.tanh);
    expect(ops).toEqual(['Tanh']);
    expect(maxDiff(got, want)).toBeLessThan(1e-6);
  });
});
