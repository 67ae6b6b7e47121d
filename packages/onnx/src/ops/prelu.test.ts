import { beforeAll, describe, expect, it } from 'vitest';
import { elementwise, maxDiff } from '../../test/helpers/op-model.js';
import { floatTensor } from '../../test/helpers/onnx-writer.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

describe('PRelu', () => {
  it('y = x, or slope·x below 0, one slope per channel ([C, 1] broadcast)', () => {
    const { ops, got, want } = elementwise('PRelu', (v, i) => (v >= 0 ? v : [0.1, 0.5][Math.floor(i / 3)] * v), {
      more: ['slope'],
      initializers: [floatTensor('slope', [2, 1], [0.1, 0.5])],
    });
    expect(ops).toEqual(['PReLU']);
    expect(maxDiff(got, want)).toBeLessThan(1e-6);
  });
});

describe('PRelu refusals', () => {
  it('refuses a slope that differs per sample', () => {
    const slope = floatTensor('slope', [2, 2, 3], new Float32Array(12));
    expect(() => elementwise('PRelu', (v) => v, { more: ['slope'], initializers: [slope] })).toThrow(
      /the constant 'slope' \[2, 2, 3\] varies along the batch axis.*node the_node, op PRelu/,
    );
  });
});
