import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDiff } from '../../test/naive.js';
import { execute, GraphBuilder } from '../index.js';

function bnGraph(shape: number[], params: Record<string, number[]>, attrs: Record<string, unknown>, variables = false) {
  const b = new GraphBuilder();
  b.input('x', shape);
  const p = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, variables ? tf.variable(tf.tensor1d(v)) : tf.tensor1d(v)]));
  b.add({ name: 'bn', op: 'BatchNorm', inputs: ['x'], attrs, params: p });
  return b.output('bn').build();
}

describe.each(['wasm', 'cpu'] as const)('BatchNorm on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });
  const params = { gamma: [2, 0.5], beta: [1, -1], mean: [0.5, 10], var: [4, 0.25] };

  it('inference: y = γ(x − μ)/√(σ² + ε) + β (hand values, [N, F])', () => {
    const g = bnGraph([2], params, { eps: 0 });
    const y = execute(g, tf.tensor2d([2.5, 11, -1.5, 9], [2, 2])).outputs[0];
    // ch0: 2·(2.5 − 0.5)/2 + 1 = 3, 2·(−1.5 − 0.5)/2 + 1 = −1; ch1: 0.5·(11 − 10)/0.5 − 1 = 0, 0.5·(9 − 10)/0.5 − 1 = −2
    expect(maxAbsDiff(y.dataSync(), [3, 0, -1, -2])).toBeLessThan(1e-6);
  });

  it('training: batch statistics, and running stats updated with momentum and unbiased variance (hand math)', () => {
    const g = bnGraph([2, 1, 2], params, { eps: 1e-3, momentum: 0.1 }, true);
    // NHWC [2, 2, 1, 2]: channel 0 values 1, 3, 5, 7 (mean 4, biased var 5, unbiased 20/3);
    // channel 1 values 0, 0, 2, 2 (mean 1, biased var 1, unbiased 4/3).
    const x = tf.tensor4d([1, 0, 3, 0, 5, 2, 7, 2], [2, 2, 1, 2]);
    const y = execute(g, x, { training: true }).outputs[0];
    const want = [1, 0, 3, 0, 5, 2, 7, 2].map((v, i) => {
      const c = i % 2;
      const [m, s2] = c === 0 ? [4, 5] : [1, 1];
      return params.gamma[c] * ((v - m) / Math.sqrt(s2 + 1e-3)) + params.beta[c];
    });
    expect(maxAbsDiff(y.dataSync(), want)).toBeLessThan(1e-5);
    const bn = g.node('bn');
    expect(maxAbsDiff(bn.params.mean.dataSync(), [0.9 * 0.5 + 0.1 * 4, 0.9 * 10 + 0.1 * 1])).toBeLessThan(1e-6);
    expect(maxAbsDiff(bn.params.var.dataSync(), [0.9 * 4 + 0.1 * (20 / 3), 0.9 * 0.25 + 0.1 * (4 / 3)])).toBeLessThan(1e-6);
  });

  it('training with plain tensors reports the updates instead of assigning them', () => {
    const g = bnGraph([2], params, { momentum: 0.5 });
    const r = execute(g, tf.tensor2d([0, 0, 2, 4], [2, 2]), { training: true });
    expect(Array.from(r.updates?.bn.mean.dataSync() ?? [])).toEqual([0.5 * 0.5 + 0.5 * 1, 0.5 * 10 + 0.5 * 2]);
    // unbiased batch variance with n = 2: ch0 2, ch1 8
    expect(Array.from(r.updates?.bn.var.dataSync() ?? [])).toEqual([0.5 * 4 + 0.5 * 2, 0.5 * 0.25 + 0.5 * 8]);
    expect(Array.from(g.node('bn').params.mean.dataSync())).toEqual(params.mean);
  });

  it('training gradients match central differences of a hand-written BatchNorm', () => {
    const x = tf.tensor4d([0.3, -1, 2, 0.5, 1.5, -0.2, 0.9, 0.1], [2, 2, 1, 2]);
    const gamma = tf.tensor1d([1.2, 0.7]);
    const beta = tf.tensor1d([0.1, -0.3]);
    const g = (() => {
      const b = new GraphBuilder();
      b.input('x', [2, 1, 2]);
      b.add({ name: 'bn', op: 'BatchNorm', inputs: ['x'], attrs: { eps: 1e-3, momentum: 0 }, params: { gamma, beta, mean: tf.zeros([2]), var: tf.ones([2]) } });
      return b.output('bn').build();
    })();
    const w = tf.tensor4d([1, -2, 0.5, 3, -1, 2, 0.25, 1], [2, 2, 1, 2]);
    const loss = (xx: tf.Tensor) => tf.sum(tf.mul(tf.square(execute(g, xx, { training: true }).outputs[0]), w));
    const manual = (xx: tf.Tensor) => {
      const { mean, variance } = tf.moments(xx, [0, 1, 2]);
      const y = tf.add(tf.mul(tf.div(tf.sub(xx, mean), tf.sqrt(tf.add(variance, 1e-3))), gamma), beta);
      return tf.sum(tf.mul(tf.square(y), w));
    };
    const g1 = tf.grad(loss)(x);
    const g2 = tf.grad(manual)(x);
    expect(maxAbsDiff(g1.dataSync(), g2.dataSync())).toBeLessThan(1e-4);
  });
});

describe('BatchNorm errors', () => {
  it('names the param whose shape does not fit the channels', () => {
    const b = new GraphBuilder();
    b.input('x', [4, 4, 3]);
    b.add({ name: 'bn1', op: 'BatchNorm', inputs: ['x'], params: { gamma: tf.ones([3]), beta: tf.zeros([3]), mean: tf.zeros([2]), var: tf.ones([3]) } });
    expect(() => b.output('bn1').build()).toThrow(/node 'bn1' \(BatchNorm\), input shape\(s\) \[4, 4, 3\]: param mean must be \[3\].*got \[2\]/);
  });
  it('requires every param', () => {
    const b = new GraphBuilder();
    b.input('x', [3]);
    b.add({ name: 'bn1', op: 'BatchNorm', inputs: ['x'], params: { gamma: tf.ones([3]) } });
    expect(() => b.output('bn1').build()).toThrow(/node 'bn1' \(BatchNorm\): param 'beta' is required/);
  });
});
