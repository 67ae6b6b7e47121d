import { beforeAll, describe, expect, it } from 'vitest';
import { opModel, opsOf, runModel } from '../../test/helpers/op-model.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

describe('GlobalMaxPool', () => {
  it('takes the max over H and W per channel', () => {
    const x = { dims: [1, 2, 2, 2], data: Float32Array.of(1, 7, -3, 2, -1, -5, -2, -9) };
    const bytes = opModel('GlobalMaxPool', { x: ['N', 2, 2, 2], y: ['N', 2, 1, 1] });
    expect(opsOf(bytes)).toEqual(['GlobalMaxPool']);
    expect(Array.from(runModel(bytes, x).data)).toEqual([7, -1]);
  });

  it('over L of a sequence', () => {
    const x = { dims: [1, 2, 3], data: Float32Array.of(1, 4, 2, -3, -1, -2) };
    expect(Array.from(runModel(opModel('GlobalMaxPool', { x: ['N', 2, 3], y: ['N', 2, 1] }), x).data)).toEqual([4, -1]);
  });
});
