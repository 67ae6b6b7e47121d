import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../node.js';
import { rowBroadcast } from './row-broadcast.js';

let s = 99;
const rnd = () => {
  s = (s * 1103515245 + 12345) % 2 ** 31;
  return s / 2 ** 31;
};
const values = (n: number) => Float32Array.from({ length: n }, () => (rnd() - 0.5) * 10 ** Math.floor(rnd() * 6 - 3));

/** `f` on the cpu backend (plain IEEE float32 loops: the second implementation) and on wasm, as arrays. */
async function both(f: () => tf.Tensor): Promise<[Float32Array, Float32Array]> {
  await tf.setBackend('cpu');
  const want = f().dataSync() as Float32Array;
  await tf.setBackend('wasm');
  return [want, f().dataSync() as Float32Array];
}

describe('Add and Multiply with a row broadcast on wasm (row-broadcast.ts)', () => {
  beforeAll(async () => {
    await initBackend('cpu'); // registers the cpu backend too
    await initBackend('wasm');
  });

  it('takes the SIMD path for a bias [C] or [1, …, 1, C] against […, C], C a multiple of 4, float32, either operand order', () => {
    const info = (shape: number[], dtype: tf.DataType = 'float32') => ({ dataId: {}, shape, dtype }) as tf.TensorInfo;
    expect(rowBroadcast(info([2, 5, 5, 8]), info([8]))).toBeDefined();
    expect(rowBroadcast(info([8]), info([2, 5, 5, 8]))?.full.shape).toEqual([2, 5, 5, 8]);
    expect(rowBroadcast(info([2, 5, 5, 8]), info([1, 1, 1, 8]))).toBeDefined();
    expect(rowBroadcast(info([3, 12]), info([12]))).toBeDefined();
    expect(rowBroadcast(info([2, 5, 5, 6]), info([6]))).toBeUndefined(); // C not a multiple of 4
    expect(rowBroadcast(info([2, 5, 5, 8]), info([5, 1]))).toBeUndefined(); // not along the last axis
    expect(rowBroadcast(info([2, 5, 5, 8]), info([1, 5, 1, 8]))).toBeUndefined();
    expect(rowBroadcast(info([2, 8]), info([2, 8]))).toBeUndefined(); // same shape: the backend's own kernel
    expect(rowBroadcast(info([2, 8], 'int32'), info([8], 'int32'))).toBeUndefined();
    expect(rowBroadcast(info([0, 8]), info([8]))).toBeUndefined(); // empty
  });

  it('gives the bits of a plain float32 loop (the cpu backend), for add and multiply, both operand orders', async () => {
    const x = values(3 * 7 * 5 * 12);
    const b = values(12);
    for (const [name, f] of [
      ['x + b', () => tf.add(tf.tensor4d(x, [3, 7, 5, 12]), tf.tensor1d(b))],
      ['b + x', () => tf.add(tf.tensor1d(b), tf.tensor4d(x, [3, 7, 5, 12]))],
      ['x · b', () => tf.mul(tf.tensor4d(x, [3, 7, 5, 12]), tf.tensor4d(b, [1, 1, 1, 12]))],
      ['b · x', () => tf.mul(tf.tensor1d(b), tf.tensor2d(x, [105, 12]))],
      ["x + b, C = 6 (the backend's own kernel)", () => tf.add(tf.tensor2d(x, [210, 6]), tf.tensor1d(b.subarray(0, 6)))],
    ] as const) {
      const [want, got] = await both(f);
      expect(got.length, name).toBe(want.length);
      expect(
        got.every((v, k) => Object.is(v, want[k])),
        name,
      ).toBe(true);
    }
  });

  it('leaves no tensor behind and keeps the inputs', () => {
    const x = tf.tensor2d(values(64), [16, 4]);
    const b = tf.tensor1d(values(4));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) tf.tidy(() => tf.add(x, b).dataSync());
    expect(tf.memory().numTensors).toBe(before);
    expect(x.dataSync()).toHaveLength(64);
    tf.dispose([x, b]);
  });
});
