import { initBackend } from '@snn/backend';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { residualData, residualSnn } from '../../test/helpers.js';
import { simulate } from '../simulate.js';

beforeAll(async () => {
  await initBackend('wasm');
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('runChunk', () => {
  it('hands no TypedArray to tidy (tidy walks a returned container element by element)', async () => {
    const endScope = vi.spyOn(tf.engine(), 'endScope');
    const r = await simulate(residualSnn(), residualData(6), { T: 7, chunk: 3, workers: 1 });
    expect(r.correct).toHaveLength(7);
    expect(endScope).toHaveBeenCalled();
    const arrays = endScope.mock.calls.filter(([result]) => ArrayBuffer.isView(result));
    expect(arrays).toHaveLength(0);
  });
});
