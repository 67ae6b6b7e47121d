import { beforeAll, describe, expect, it } from 'vitest';
import { elementwise, maxDiff } from '../../test/helpers/op-model.js';

import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

describe('Exp', () => {
  it('y = e^x (e^4 ≈ 54.6: a few float32 ulps)', () => {
    const { ops, got, want } = elementwise('Exp', Math.exp);
    expect(ops).toEqual(['Exp']);
    expect(maxDiff(got, want)).toBeLessThan(1e-5);
  });
});
