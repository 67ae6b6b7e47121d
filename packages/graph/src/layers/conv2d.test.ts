import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDiff, naiveConv, values } from '../../test/naive.js';
import { execute, GraphBuilder } from '../index.js';

function runConv(xs: number[], ws: number[], attrs: Record<string, unknown>, withBias = true) {
  const x = values(
    xs.reduce((a, b) => a * b),
    3,
  );
  const w = values(
    ws.reduce((a, b) => a * b),
    7,
  );
  const bias = withBias ? values(ws[3], 11) : null;
  const b = new GraphBuilder();
  b.input('x', xs.slice(1));
  const params: Record<string, tf.Tensor> = { weight: tf.tensor(w, ws) };
  if (bias) params.bias = tf.tensor1d(bias);
  b.add({ name: 'conv', op: 'Conv2d', inputs: ['x'], attrs, params });
  const g = b.output('conv').build();
  const xt = tf.tensor(x, xs);
  const { outputs } = execute(g, xt);
  const got = { data: Array.from(outputs[0].dataSync()), shape: outputs[0].shape };
  tf.dispose([xt, outputs[0]]);
  g.dispose();
  const full = { strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], groups: 1, ...attrs } as Parameters<typeof naiveConv>[5];
  return { got, want: naiveConv(x, xs, w, ws, bias, full), shape: g.shapeOf('conv') };
}

describe.each(['wasm', 'cpu'] as const)('Conv2d on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('matches hand values: 1 channel, asymmetric pads', () => {
    // x = [[1, 2], [3, 4]], 2x2 kernel of ones, pads top 1 left 0 bottom 0 right 1: windows over
    // [[0, 0, 0], [1, 2, 0], [3, 4, 0]] → [[1+2, 2], [1+2+3+4, 2+4]] = [[3, 2], [10, 6]]
    const b = new GraphBuilder();
    b.input('x', [2, 2, 1]);
    b.add({ name: 'c', op: 'Conv2d', inputs: ['x'], attrs: { pads: [1, 0, 0, 1] }, params: { weight: tf.ones([2, 2, 1, 1]) } });
    const g = b.output('c').build();
    expect(g.shapeOf('c')).toEqual([2, 2, 1]);
    const { outputs } = execute(g, tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]));
    expect(Array.from(outputs[0].dataSync())).toEqual([3, 2, 10, 6]);
  });

  const cases: Array<[string, number[], number[], Record<string, unknown>]> = [
    ['plain 3x3', [2, 6, 5, 3], [3, 3, 3, 4], {}],
    ['stride 2, symmetric pad', [2, 7, 6, 2], [3, 3, 2, 3], { strides: [2, 2], pads: [1, 1, 1, 1] }],
    ['asymmetric pads, stride [1, 2]', [1, 6, 7, 2], [3, 2, 2, 3], { strides: [1, 2], pads: [0, 2, 1, 0] }],
    ['dilation 2', [2, 8, 8, 2], [3, 3, 2, 2], { dilations: [2, 2], pads: [2, 2, 2, 2] }],
    ['dilation and stride together', [1, 9, 9, 2], [3, 3, 2, 2], { dilations: [2, 2], strides: [2, 2], pads: [1, 1, 1, 1] }],
    ['groups 2 (split)', [2, 5, 5, 4], [3, 3, 2, 6], { groups: 2, pads: [1, 1, 1, 1] }],
    ['depthwise (groups = C, multiplier 2)', [2, 5, 5, 3], [3, 3, 1, 6], { groups: 3, pads: [0, 1, 1, 0] }],
  ];
  it.each(cases)('matches a loop reference: %s', (_name, xs, ws, attrs) => {
    const { got, want, shape } = runConv(xs, ws, attrs);
    expect(got.shape).toEqual(want.shape);
    expect(shape).toEqual(want.shape.slice(1));
    expect(maxAbsDiff(got.data, want.data)).toBeLessThan(1e-5);
  });

  it('runs without a bias', () => {
    const { got, want } = runConv([1, 4, 4, 2], [2, 2, 2, 2], {}, false);
    expect(maxAbsDiff(got.data, want.data)).toBeLessThan(1e-5);
  });
});

describe('Conv2d shape errors', () => {
  const build = (shape: number[], ws: number[], attrs: Record<string, unknown> = {}) => {
    const b = new GraphBuilder();
    b.input('x', shape);
    b.add({ name: 'conv1', op: 'Conv2d', inputs: ['x'], attrs, params: { weight: tf.zeros(ws) } });
    return () => b.output('conv1').build();
  };
  it('names the node, op and shapes on a channel mismatch', () => {
    expect(build([28, 28, 3], [3, 3, 1, 32])).toThrow(
      /node 'conv1' \(Conv2d\), input shape\(s\) \[28, 28, 3\]: weight \[3, 3, 1, 32\] expects 1 input channel/,
    );
  });
  it('refuses a kernel larger than the padded input', () => {
    expect(build([2, 2, 1], [3, 3, 1, 1])).toThrow(/3x3 kernel .* does not fit the input \[2, 2, 1\]/);
  });
  it('refuses groups that do not divide the channels', () => {
    expect(build([4, 4, 3], [3, 3, 1, 4], { groups: 2 })).toThrow(/groups=2 must divide/);
  });
  it('refuses bad attributes', () => {
    expect(build([4, 4, 1], [3, 3, 1, 1], { strides: [0, 1] })).toThrow(/strides must be an integer ≥ 1/);
    expect(build([4, 4, 1], [3, 3, 1, 1], { pads: [1, 1] })).toThrow(/pads must be \[top, left, bottom, right\]/);
  });
});
