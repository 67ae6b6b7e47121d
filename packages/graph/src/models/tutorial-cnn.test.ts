import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDiff, values } from '../../test/naive.js';
import { crossEntropy, execute, tutorialCnn } from '../index.js';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('tutorialCnn', () => {
  it('has the tutorial layout, shapes and PyTorch-like init bounds', () => {
    const g = tutorialCnn({ seed: 0 });
    expect(g.nodes.map((n) => n.op).join(' ')).toBe(
      'Conv2d BatchNorm ReLU AvgPool2d Conv2d BatchNorm ReLU AvgPool2d Conv2d BatchNorm ReLU AvgPool2d Flatten Linear ReLU',
    );
    expect(['conv1', 'pool1', 'conv2', 'pool2', 'conv3', 'pool3', 'flat', 'relu4'].map((n) => g.shapeOf(n))).toEqual([
      [26, 26, 32],
      [13, 13, 32],
      [11, 11, 32],
      [5, 5, 32],
      [3, 3, 32],
      [1, 1, 32],
      [32],
      [10],
    ]);
    expect(g.node('bn1').attrs.eps).toBe(1e-3);
    const w2 = Array.from(g.node('conv2').params.weight.dataSync());
    const bound = 1 / Math.sqrt(32 * 9);
    expect(Math.max(...w2.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...w2.map(Math.abs))).toBeGreaterThan(0.95 * bound);
    expect(Array.from(tutorialCnn({ seed: 0 }).node('fc').params.weight.dataSync())).toEqual(Array.from(g.node('fc').params.weight.dataSync()));
  });

  it('training-mode gradients of the whole network match plain tfjs ops', () => {
    const g = tutorialCnn({ seed: 2 });
    const x = tf.tensor(
      values(6 * 784, 8).map((v) => (v + 1) / 2),
      [6, 28, 28, 1],
    );
    const y = tf.tensor1d([0, 1, 2, 3, 4, 5], 'int32');
    const names = g.nodes.flatMap((n) =>
      Object.keys(n.params)
        .filter((p) => p !== 'mean' && p !== 'var')
        .map((p) => [n.name, p] as const),
    );
    const params = names.map(([n, p]) => g.node(n).params[p]);
    const withParams = (ts: tf.Tensor[]) => {
      const update: Record<string, { params: Record<string, tf.Tensor> }> = {};
      names.forEach(([n, p], i) => {
        update[n] ??= { params: { ...g.node(n).params } };
        update[n].params[p] = ts[i];
      });
      return g.with({ update });
    };
    const viaGraph = (...ts: tf.Tensor[]) => crossEntropy(execute(withParams(ts), x, { training: true }).outputs[0], y);
    const plain = (...ts: tf.Tensor[]) => {
      const p = (n: string, k: string) => ts[names.findIndex(([a, b]) => a === n && b === k)];
      let h = x as tf.Tensor4D;
      for (let i = 1; i <= 3; i++) {
        h = tf.add(tf.conv2d(h, p(`conv${i}`, 'weight') as tf.Tensor4D, 1, 'valid'), p(`conv${i}`, 'bias'));
        const { mean, variance } = tf.moments(h, [0, 1, 2]);
        h = tf.add(tf.mul(tf.div(tf.sub(h, mean), tf.sqrt(tf.add(variance, 1e-3))), p(`bn${i}`, 'gamma')), p(`bn${i}`, 'beta'));
        h = tf.avgPool(tf.relu(h), 2, 2, 'valid');
      }
      const logits = tf.relu(tf.add(tf.matMul(tf.reshape(h, [6, 32]), p('fc', 'weight') as tf.Tensor2D), p('fc', 'bias')));
      return crossEntropy(logits, y);
    };
    expect(viaGraph(...params).dataSync()[0]).toBeCloseTo(plain(...params).dataSync()[0], 5);
    const got = tf.grads(viaGraph)(params);
    const want = tf.grads(plain)(params);
    got.forEach((gr, i) => {
      const scale = Math.max(1e-2, ...Array.from(want[i].dataSync(), Math.abs));
      expect(maxAbsDiff(gr.dataSync(), want[i].dataSync()) / scale, names[i].join('.')).toBeLessThan(1e-3);
    });
  });
});
