import { beforeAll, describe, expect, it } from 'vitest';
import { elementwise, maxDiff } from '../../test/helpers/op-model.js';

import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

describe('HardSwish', () => {
  it('y = x·max(0, min(1, x/6 + 1/2))', () => {
    const { ops, got, want } = elementwise('HardSwish', (v) => v * Math.min(1, Math.max(0, v / 6 + 0.5)));
    expect(ops).toEqual(['HardSwish']);
    expect(maxDiff(got, want)).toBeLessThan(1e-6);
  });
});
