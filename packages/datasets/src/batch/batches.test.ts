import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { spikingJellyOrder } from '../random/spikingjelly-order.js';
import type { Split } from '../types.js';
import { batchArrays } from './batch-arrays.js';
import { batches } from './batches.js';

/** 250 samples of 2×3×1 whose pixels encode (sample, position): value = sample + pos / 10. */
const n = 250;
const split: Split = {
  images: Float32Array.from({ length: n * 6 }, (_, i) => Math.floor(i / 6) + (i % 6) / 10),
  labels: Uint8Array.from({ length: n }, (_, i) => i % 10),
  n,
  shape: [2, 3, 1],
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('batchArrays', () => {
  it('walks in order by default, last batch partial', () => {
    const all = [...batchArrays(split, { batchSize: 100 })];
    expect(all.map((b) => b.size)).toEqual([100, 100, 50]);
    expect(all.map((b) => b.index)).toEqual([0, 1, 2]);
    expect(all[2].indices[0]).toBe(200);
    expect(Array.from(all[1].x.subarray(0, 6))).toEqual([100, 100.1, 100.2, 100.3, 100.4, 100.5].map(Math.fround));
    expect(all[1].y[3]).toBe(3);
  });

  it('shuffles reproducibly by seed and visits every sample once', () => {
    const a = [...batchArrays(split, { batchSize: 64, shuffle: true, seed: 5 })].flatMap((b) => Array.from(b.indices));
    const b = [...batchArrays(split, { batchSize: 64, shuffle: true, seed: 5 })].flatMap((b) => Array.from(b.indices));
    const c = [...batchArrays(split, { batchSize: 64, shuffle: true, seed: 6 })].flatMap((b) => Array.from(b.indices));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it('pairs images with their labels after shuffling', () => {
    for (const b of batchArrays(split, { batchSize: 32, shuffle: true, seed: 9 })) {
      for (let i = 0; i < b.size; i++) {
        expect(Math.floor(b.x[i * 6])).toBe(b.indices[i]);
        expect(b.y[i]).toBe(b.indices[i] % 10);
      }
    }
  });

  it('honours limit, dropLast and an explicit order', () => {
    expect([...batchArrays(split, { batchSize: 30, limit: 70 })].map((b) => b.size)).toEqual([30, 30, 10]);
    expect([...batchArrays(split, { batchSize: 30, limit: 70, dropLast: true })].map((b) => b.size)).toEqual([30, 30]);
    const first = batchArrays(split, { batchSize: 4, order: spikingJellyOrder(n) }).next().value;
    expect(Array.from(first?.indices ?? [])).toEqual([0, 169, 88, 7]);
  });

  it('rejects bad options clearly', () => {
    expect(() => [...batchArrays(split, { batchSize: 0 })]).toThrow('batchSize must be a positive integer, got 0');
    expect(() => [...batchArrays(split, { batchSize: 2, order: [0, 250] })]).toThrow('order[1] = 250 is not a sample index of a split with 250 samples');
  });
});

describe('batches (tensors)', () => {
  it('yields x [b, H, W, C] float32 and y [b] int32 matching the arrays', () => {
    const it = batches(split, { batchSize: 100, shuffle: true, seed: 1 });
    const { x, y, index, indices } = it.next().value!;
    expect(x.shape).toEqual([100, 2, 3, 1]);
    expect(x.dtype).toBe('float32');
    expect(y.shape).toEqual([100]);
    expect(y.dtype).toBe('int32');
    expect(index).toBe(0);
    const xs = x.dataSync();
    const ys = y.dataSync();
    expect(xs[6 * 5 + 2]).toBe(Math.fround(indices[5] + 0.2));
    expect(ys[7]).toBe(indices[7] % 10);
    tf.dispose([x, y]);
    it.return(undefined);
  });

  it('holds only the current batch as tensors: numTensors stays flat over an epoch', () => {
    const before = tf.memory().numTensors;
    let seen = 0;
    for (const { x, y } of batches(split, { batchSize: 16, shuffle: true, seed: 2 })) {
      expect(tf.memory().numTensors).toBe(before + 2);
      seen += x.shape[0];
      tf.dispose([x, y]);
    }
    expect(seen).toBe(n);
    expect(tf.memory().numTensors).toBe(before);
  });
});
