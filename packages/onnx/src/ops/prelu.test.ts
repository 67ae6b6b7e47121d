import { beforeAll, describe, expect, it } from 'vitest';
import { maxDiff, opModel, opsOf, runModel } from '../../test/helpers/op-model.js';
import { floatTensor } from '../../test/helpers/onnx-writer.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

// x = [[−2, −0.5, 0], [1, 4, 0.25]] as [N, 2, 3]: a sequence of 2 channels.
const x = { dims: [1, 2, 3], data: Float32Array.of(-2, -0.5, 0, 1, 4, 0.25) };

describe('PRelu', () => {
  it('y = x, or slope·x below 0, one slope per channel ([C, 1] broadcast)', () => {
    const bytes = opModel('PRelu', { x: ['N', 2, 3], more: ['slope'], initializers: [floatTensor('slope', [2, 1], [0.1, 0.5])] });
    expect(opsOf(bytes)).toEqual(['PReLU']);
    const want = Array.from(x.data, (v, i) => (v >= 0 ? v : [0.1, 0.5][Math.floor(i / 3)] * v));
    expect(maxDiff(runModel(bytes, x).data, want)).toBeLessThan(1e-6);
  });
});

describe('PRelu refusals', () => {
  it('refuses a slope that differs per sample', () => {
    const bytes = opModel('PRelu', { x: ['N', 2, 3], more: ['slope'], initializers: [floatTensor('slope', [2, 2, 3], new Float32Array(12))] });
    expect(() => runModel(bytes, x)).toThrow(/the constant 'slope' \[2, 2, 3\] varies along the batch axis.*node the_node, op PRelu/);
  });
});
