import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDiff, values } from '../../../test/naive.js';
import { execute, GraphBuilder } from '../../index.js';

// The training-mode layers use hand-written gradients; these tests compare them with tfjs' own
// gradients of the same network written with plain ops (tf.conv2d, tf.moments, tf.avgPool).

interface Case {
  name: string;
  x: number[];
  w: number[];
  attrs: { strides: [number, number]; pads: [number, number, number, number]; dilations: [number, number] };
  pool: [number, number];
}

const cases: Case[] = [
  { name: 'im2col path (1 input channel)', x: [3, 9, 9, 1], w: [3, 3, 1, 4], attrs: { strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1] }, pool: [2, 2] },
  { name: 'im2col path, stride 2 and pads', x: [2, 9, 8, 2], w: [2, 3, 2, 3], attrs: { strides: [2, 2], pads: [1, 0, 0, 1], dilations: [1, 1] }, pool: [2, 2] },
  { name: 'stride-1 path, asymmetric pads', x: [2, 8, 7, 5], w: [3, 3, 5, 4], attrs: { strides: [1, 1], pads: [1, 0, 2, 1], dilations: [1, 1] }, pool: [2, 3] },
  { name: 'stride-1 path, dilation 2', x: [2, 9, 9, 4], w: [3, 3, 4, 3], attrs: { strides: [1, 1], pads: [2, 1, 0, 2], dilations: [2, 2] }, pool: [2, 2] },
  {
    name: 'fallback (stride 2, many channels)',
    x: [2, 9, 9, 4],
    w: [3, 3, 4, 3],
    attrs: { strides: [2, 2], pads: [1, 1, 1, 1], dilations: [1, 1] },
    pool: [2, 2],
  },
];

/** W with d − 1 zero rows/columns between taps: a dilated conv as a plain one (tfjs has no dilated conv gradient). */
function dilate(w: tf.Tensor, [dh, dw]: [number, number]): tf.Tensor4D {
  const spread = (t: tf.Tensor, axis: number, d: number) => {
    if (d === 1) return t;
    const parts = tf.split(t, t.shape[axis], axis);
    const gap = tf.zerosLike(parts[0]);
    return tf.concat(
      parts.flatMap((p, i) => (i === 0 ? [p] : [...Array(d - 1).fill(gap), p])),
      axis,
    );
  };
  return spread(spread(w, 0, dh), 1, dw) as tf.Tensor4D;
}

function tensors(c: Case) {
  const cout = c.w[3];
  return {
    x: tf.tensor(
      values(
        c.x.reduce((a, b) => a * b),
        1,
      ),
      c.x,
    ),
    w: tf.tensor(
      values(
        c.w.reduce((a, b) => a * b),
        2,
      ),
      c.w,
    ),
    b: tf.tensor1d(values(cout, 3)),
    gamma: tf.tensor1d(values(cout, 4).map((v) => 1 + v / 2)),
    beta: tf.tensor1d(values(cout, 5)),
  };
}

describe.each(['wasm', 'cpu'] as const)('training-mode gradients on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it.each(cases)('$name: Conv2d → BatchNorm → ReLU → AvgPool2d matches plain tfjs ops', (c) => {
    const t = tensors(c);
    const b = new GraphBuilder();
    b.input('x', c.x.slice(1));
    b.add({ name: 'conv', op: 'Conv2d', inputs: ['x'], attrs: c.attrs, params: { weight: t.w, bias: t.b } });
    const bnParams = { gamma: t.gamma, beta: t.beta, mean: tf.zeros([c.w[3]]), var: tf.ones([c.w[3]]) };
    b.add({ name: 'bn', op: 'BatchNorm', inputs: ['conv'], attrs: { eps: 1e-3, momentum: 0 }, params: bnParams });
    b.add({ name: 'relu', op: 'ReLU', inputs: ['bn'] });
    b.add({ name: 'pool', op: 'AvgPool2d', inputs: ['relu'], attrs: { kernel: c.pool } });
    const g = b.output('pool').build();
    const outShape = [c.x[0], ...g.shapeOf('pool')];
    const weights = tf.tensor(
      values(
        outShape.reduce((a, v) => a * v),
        9,
      ),
      outShape,
    );

    const viaGraph = (x: tf.Tensor, w: tf.Tensor, bias: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => {
      const gg = g.with({ update: { conv: { params: { weight: w, bias } }, bn: { params: { ...bnParams, gamma, beta } } } });
      const y = execute(gg, x, { training: true, inputGradients: true }).outputs[0];
      return tf.sum(tf.mul(tf.square(y), weights));
    };
    const plain = (x: tf.Tensor, w: tf.Tensor, bias: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => {
      const [pt, pl, pb, pr] = c.attrs.pads;
      const pad: [[0, 0], [number, number], [number, number], [0, 0]] = [
        [0, 0],
        [pt, pb],
        [pl, pr],
        [0, 0],
      ];
      let y = tf.add(tf.conv2d(x as tf.Tensor4D, dilate(w, c.attrs.dilations), c.attrs.strides, pad), bias) as tf.Tensor4D;
      const { mean, variance } = tf.moments(y, [0, 1, 2]);
      y = tf.add(tf.mul(tf.div(tf.sub(y, mean), tf.sqrt(tf.add(variance, 1e-3))), gamma), beta) as tf.Tensor4D;
      y = tf.avgPool(tf.relu(y), c.pool, c.pool, 'valid');
      return tf.sum(tf.mul(tf.square(y), weights));
    };
    const args = [t.x, t.w, t.b, t.gamma, t.beta];
    const got = tf.grads(viaGraph)(args);
    const want = tf.grads(plain)(args);
    expect(viaGraph(t.x, t.w, t.b, t.gamma, t.beta).dataSync()[0]).toBeCloseTo(plain(t.x, t.w, t.b, t.gamma, t.beta).dataSync()[0], 3);
    got.forEach((gr, i) => {
      const scale = Math.max(1, ...Array.from(want[i].dataSync(), Math.abs));
      expect(maxAbsDiff(gr.dataSync(), want[i].dataSync()) / scale, ['dx', 'dW', 'db', 'dγ', 'dβ'][i]).toBeLessThan(2e-4);
    });
  });

  it('without inputGradients the first conv still trains its weights and skips the input gradient', () => {
    const c = cases[0];
    const t = tensors(c);
    const b = new GraphBuilder();
    b.input('x', c.x.slice(1));
    b.add({ name: 'conv', op: 'Conv2d', inputs: ['x'], params: { weight: t.w, bias: t.b } });
    const g = b.output('conv').build();
    const f = (w: tf.Tensor, training: boolean) => {
      const gg = g.with({ update: { conv: { params: { weight: w, bias: t.b } } } });
      return tf.sum(tf.square(execute(gg, t.x, { training }).outputs[0]));
    };
    const fast = tf.grad((w: tf.Tensor) => f(w, true))(t.w);
    const plain = tf.grad((w: tf.Tensor) => f(w, false))(t.w);
    expect(maxAbsDiff(fast.dataSync(), plain.dataSync()) / Math.max(...Array.from(plain.dataSync(), Math.abs))).toBeLessThan(1e-5);
    expect(() => tf.grad((x: tf.Tensor) => tf.sum(execute(g, x, { training: true }).outputs[0]))(t.x)).toThrow();
  });
});
