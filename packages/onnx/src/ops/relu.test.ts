import { beforeAll, describe, expect, it } from 'vitest';
import { elementwise, maxDiff } from '../../test/helpers/op-model.js';

import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

describe('Relu', () => {
  it('y = max(0, x)', () => {
    const { ops, got, want } = elementwise('Relu', (v) => Math.max(0, v));
    expect(ops).toEqual(['ReLU']);
    expect(maxDiff(got, want)).toBeLessThan(1e-6);
  });
});
