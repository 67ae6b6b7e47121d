import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { values } from '../../test/naive.js';
import { channelAffine } from './channel-affine.js';

describe.each(['wasm', 'cpu'] as const)('channelAffine on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('y = x·s_c + t_c over the last axis (hand values, [N, F])', () => {
    const y = channelAffine(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor1d([2, -1]), tf.tensor1d([0.5, 10]));
    // row 0: 1·2 + 0.5 = 2.5, 2·(−1) + 10 = 8; row 1: 3·2 + 0.5 = 6.5, 4·(−1) + 10 = 6
    expect(Array.from(y.dataSync())).toEqual([2.5, 8, 6.5, 6]);
    expect(y.shape).toEqual([2, 2]);
    expect(Array.from(channelAffine(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor1d([2, -1])).dataSync())).toEqual([2, -2, 6, -4]);
  });

  it.each([[[3, 5]], [[2, 7, 6]], [[4, 9, 8, 6]]])('is bit-identical to tf.add(tf.mul(x, s), t) for shape %j', (shape) => {
    const c = shape[shape.length - 1];
    const x = tf.tensor(
      values(
        shape.reduce((a, b) => a * b),
        7,
      ).map((v) => v * 13.7),
      shape,
    );
    const s = tf.tensor1d(values(c, 8).map((v) => v * 3.1));
    const t = tf.tensor1d(values(c, 9).map((v) => v * 0.37));
    const got = channelAffine(x, s, t);
    expect(got.shape).toEqual(shape);
    expect(Array.from(got.dataSync())).toEqual(Array.from(tf.add(tf.mul(x, s), t).dataSync()));
    expect(Array.from(channelAffine(x, s).dataSync())).toEqual(Array.from(tf.mul(x, s).dataSync()));
  });
});
