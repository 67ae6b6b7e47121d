import { beforeAll, describe, expect, it } from 'vitest';
import { maxDiff, opModel, opsOf, runModel } from '../../test/helpers/op-model.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

describe('LogSoftmax', () => {
  it('y = x − log Σ e^x over the last axis (hand values)', () => {
    const x = { dims: [2, 3], data: Float32Array.of(0, 1, 2, 5, 5, 5) };
    const bytes = opModel('LogSoftmax', { x: ['N', 3] });
    expect(opsOf(bytes)).toEqual(['Softmax']);
    const l = Math.log(1 + Math.E + Math.E ** 2);
    expect(maxDiff(runModel(bytes, x).data, [-l, 1 - l, 2 - l, -Math.log(3), -Math.log(3), -Math.log(3)])).toBeLessThan(1e-6);
  });
});
