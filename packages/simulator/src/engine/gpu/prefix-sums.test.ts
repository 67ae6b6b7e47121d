import { initBackend } from '@snn/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { prefixSums } from './prefix-sums.js';

beforeAll(async () => {
  await initBackend('cpu');
});

// The form every backend but webgpu runs (tensorflow's): tf.cumsum over the carry row and the chunk.
describe('prefixSums (tf.cumsum form)', () => {
  it('sums a chunk step after step, then continues from the carry', async () => {
    const first = prefixSums(tf.tensor2d([1, 2, 3, 10, 20, 30], [2, 3]), undefined);
    expect(Array.from(await first.data())).toEqual([1, 2, 3, 11, 22, 33]);
    const next = prefixSums(tf.tensor2d([0.5, 0, -1], [1, 3]), { tensor: first, offset: 3 });
    expect(Array.from(await next.data())).toEqual([11.5, 22, 32]);
  });

  it('adds in float32 one step at a time: 2^24 + 1 + 1 stays 2^24 (a pairwise sum would give 2^24 + 2)', async () => {
    const s = prefixSums(tf.tensor2d([2 ** 24, 1, 1], [3, 1]), undefined);
    expect(Array.from(await s.data())).toEqual([2 ** 24, 2 ** 24, 2 ** 24]);
  });
});

describe('prefixSums on webgpu (the WGSL kernel)', () => {
  it('the same sums, in the same float32 order, with the carry read at its offset', async ({ skip }) => {
    if ((await initBackend('webgpu').catch(() => undefined)) === undefined) skip();
    try {
      const first = prefixSums(tf.tensor2d([2 ** 24, 2, 3, 1, 20, 30, 1, 0, 0], [3, 3]), undefined);
      expect(Array.from(await first.data())).toEqual([2 ** 24, 2, 3, 2 ** 24, 22, 33, 2 ** 24, 22, 33]);
      const next = prefixSums(tf.tensor2d([0.5, 0, -1], [1, 3]), { tensor: first, offset: 6 });
      expect(Array.from(await next.data())).toEqual([2 ** 24, 22, 32]);
      tf.dispose([first, next]);
    } finally {
      await initBackend('cpu');
    }
  });
});
