import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDiff, naivePool, values } from '../../test/naive.js';
import { execute, GraphBuilder } from '../index.js';

function run(op: string, shape: number[], attrs: Record<string, unknown>, data: number[]) {
  const b = new GraphBuilder();
  b.input('x', shape.slice(1));
  b.add({ name: 'p', op, inputs: ['x'], attrs });
  const g = b.output('p').build();
  const x = tf.tensor(data, shape);
  const y = execute(g, x).outputs[0];
  const out = { data: Array.from(y.dataSync()), shape: y.shape };
  tf.dispose([x, y]);
  return out;
}

describe.each(['wasm', 'cpu'] as const)('pooling on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  // x = [[1, 2, 3], [4, 5, 6], [7, 8, 9]], kernel 2, stride 2, pads [1, 1, 0, 0] (top, left):
  // windows: {1}, {2, 3}, {4, 7}, {5, 6, 8, 9}.
  const x3 = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const attrs = { kernel: [2, 2], strides: [2, 2], pads: [1, 1, 0, 0] };
  it('AvgPool2d countIncludePad=false divides by the cells inside the input (hand values)', () => {
    const y = run('AvgPool2d', [1, 3, 3, 1], { ...attrs, countIncludePad: false }, x3);
    expect(y.shape).toEqual([1, 2, 2, 1]);
    expect(maxAbsDiff(y.data, [1, 2.5, 5.5, 7])).toBeLessThan(1e-6);
  });
  it('AvgPool2d countIncludePad=true divides by the whole window (hand values)', () => {
    const y = run('AvgPool2d', [1, 3, 3, 1], { ...attrs, countIncludePad: true }, x3);
    expect(maxAbsDiff(y.data, [0.25, 1.25, 2.75, 7])).toBeLessThan(1e-6);
  });
  it('MaxPool2d never picks the padding, even below zero (hand values)', () => {
    const y = run(
      'MaxPool2d',
      [1, 3, 3, 1],
      attrs,
      x3.map((v) => -v),
    );
    expect(y.data).toEqual([-1, -2, -4, -5]);
  });

  const cases: Array<[string, number[], [number, number], [number, number], [number, number, number, number]]> = [
    ['2x2/2 no pad', [2, 6, 6, 3], [2, 2], [2, 2], [0, 0, 0, 0]],
    ['3x3/2 asymmetric pads', [2, 7, 6, 2], [3, 3], [2, 2], [1, 0, 2, 1]],
    ['3x2/1 pads', [1, 5, 5, 2], [3, 2], [1, 1], [1, 1, 1, 0]],
  ];
  it.each(cases)('all three match a loop reference: %s', (_n, shape, k, s, p) => {
    const x = values(
      shape.reduce((a, b) => a * b),
      5,
    );
    for (const [op, kind, cip] of [
      ['AvgPool2d', 'avg', true],
      ['AvgPool2d', 'avg', false],
      ['MaxPool2d', 'max', false],
    ] as const) {
      const y = run(op, shape, { kernel: k, strides: s, pads: p, countIncludePad: op === 'AvgPool2d' ? cip : undefined }, x);
      const want = naivePool(x, shape, kind, k, s, p, cip);
      expect(y.shape).toEqual(want.shape);
      expect(maxAbsDiff(y.data, want.data)).toBeLessThan(1e-5);
    }
  });

  it('MaxPool2d with dilations takes the max over spaced taps (hand values)', () => {
    // x = 0..15 as 4×4, kernel 2, dilation 2, stride 1: taps (i, j), (i, j+2), (i+2, j), (i+2, j+2) → x[i+2, j+2].
    const y = run('MaxPool2d', [1, 4, 4, 1], { kernel: [2, 2], strides: [1, 1], dilations: [2, 2] }, [...Array(16).keys()]);
    expect(y.shape).toEqual([1, 2, 2, 1]);
    expect(y.data).toEqual([10, 11, 14, 15]);
    // Stride 2 with dilation 2 over 5×5 (0..24): windows start at 0 and 2 → x[2, 2], x[2, 4], x[4, 2], x[4, 4].
    const z = run('MaxPool2d', [1, 5, 5, 1], { kernel: [2, 2], strides: [2, 2], dilations: [2, 2] }, [...Array(25).keys()]);
    expect(z.data).toEqual([12, 14, 22, 24]);
  });

  it('GlobalAvgPool gives [N, 1, 1, C] means', () => {
    const y = run('GlobalAvgPool', [1, 2, 2, 2], {}, [1, 10, 2, 20, 3, 30, 4, 40]);
    expect(y.shape).toEqual([1, 1, 1, 2]);
    expect(y.data).toEqual([2.5, 25]);
  });
});

describe('pooling errors', () => {
  it('names the node when the window does not fit', () => {
    const b = new GraphBuilder();
    b.input('x', [1, 1, 4]);
    b.add({ name: 'pool3', op: 'AvgPool2d', inputs: ['x'], attrs: { kernel: [2, 2] } });
    expect(() => b.output('pool3').build()).toThrow(/node 'pool3' \(AvgPool2d\), input shape\(s\) \[1, 1, 4\]: a 2x2 window/);
  });
  it('requires a kernel and pads smaller than it', () => {
    const b = new GraphBuilder();
    b.input('x', [4, 4, 1]);
    b.add({ name: 'p', op: 'MaxPool2d', inputs: ['x'], attrs: { kernel: [2, 2], pads: [2, 0, 0, 0] } });
    expect(() => b.output('p').build()).toThrow(/pads \[2, 0, 0, 0\] must each be smaller than the \(dilated\) kernel/);
    const c = new GraphBuilder();
    c.input('x', [4, 4, 1]);
    c.add({ name: 'p', op: 'MaxPool2d', inputs: ['x'] });
    expect(() => c.output('p').build()).toThrow(/kernel is required/);
  });
});
