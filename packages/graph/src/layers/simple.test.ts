import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { execute, GraphBuilder } from '../index.js';

beforeAll(async () => {
  await initBackend('wasm');
});

function one(op: string, shapes: number[][], attrs: Record<string, unknown> = {}) {
  const b = new GraphBuilder();
  const names = shapes.map((s, i) => b.input(`x${i}`, s));
  b.add({ name: 'n', op, inputs: names, attrs });
  return b.output('n').build();
}
const arr = (t: tf.Tensor) => Array.from(t.dataSync());

describe('simple layers', () => {
  it('ReLU and Clip(0, λ)', () => {
    const x = tf.tensor2d([-2, 0.5, 3, 7], [1, 4]);
    expect(arr(execute(one('ReLU', [[4]]), x).outputs[0])).toEqual([0, 0.5, 3, 7]);
    expect(arr(execute(one('Clip', [[4]], { min: 0, max: 4 }), x).outputs[0])).toEqual([0, 0.5, 3, 4]);
    expect(() => one('Clip', [[4]], { min: 2, max: 1 })).toThrow(/min \(2\) must not exceed max \(1\)/);
  });

  it('Flatten follows NHWC order (H·W·C)', () => {
    const g = one('Flatten', [[2, 1, 2]]);
    expect(g.shapeOf('n')).toEqual([4]);
    expect(arr(execute(g, tf.tensor4d([1, 2, 3, 4], [1, 2, 1, 2])).outputs[0])).toEqual([1, 2, 3, 4]);
  });

  it('Add sums two or more inputs with broadcasting', () => {
    const g = one('Add', [[2, 2], [2], [2, 2]]);
    expect(g.shapeOf('n')).toEqual([2, 2]);
    const r = execute(g, { x0: tf.tensor3d([1, 2, 3, 4], [1, 2, 2]), x1: tf.tensor2d([10, 20], [1, 2]), x2: tf.ones([1, 2, 2]) });
    expect(arr(r.outputs[0])).toEqual([12, 23, 14, 25]);
    expect(() =>
      one('Add', [
        [2, 3],
        [2, 2],
      ]),
    ).toThrow(/node 'n' \(Add\), input shape\(s\) \[2, 3\], \[2, 2\]/);
  });

  it('Concat along channels (axis 3 and −1) and rows (axis 1)', () => {
    const a = tf.tensor4d([1, 2], [1, 1, 1, 2]);
    const c = tf.tensor4d([3], [1, 1, 1, 1]);
    for (const axis of [3, -1]) {
      const g = one(
        'Concat',
        [
          [1, 1, 2],
          [1, 1, 1],
        ],
        { axis },
      );
      expect(g.shapeOf('n')).toEqual([1, 1, 3]);
      expect(arr(execute(g, { x0: a, x1: c }).outputs[0])).toEqual([1, 2, 3]);
    }
    expect(
      one(
        'Concat',
        [
          [1, 2, 2],
          [3, 2, 2],
        ],
        { axis: 1 },
      ).shapeOf('n'),
    ).toEqual([4, 2, 2]);
    expect(() =>
      one(
        'Concat',
        [
          [1, 1, 2],
          [1, 2, 1],
        ],
        { axis: 3 },
      ),
    ).toThrow(/differ outside axis 3/);
    expect(() => one('Concat', [[2], [2]], { axis: 0 })).toThrow(/batch axis 0 cannot be concatenated/);
  });

  it('Dropout: identity in inference; in training zeros about p and scales the rest by 1/(1 − p)', () => {
    const g = one('Dropout', [[10000]], { rate: 0.25 });
    const x = tf.ones([1, 10000]);
    expect(arr(execute(g, x).outputs[0]).every((v) => v === 1)).toBe(true);
    const y = arr(execute(g, x, { training: true, seed: 3 }).outputs[0]);
    const kept = y.filter((v) => v !== 0);
    expect(kept.every((v) => Math.abs(v - 4 / 3) < 1e-6)).toBe(true);
    expect(Math.abs(kept.length / 10000 - 0.75)).toBeLessThan(0.02);
    expect(arr(execute(g, x, { training: true, seed: 3 }).outputs[0])).toEqual(y);
  });

  it('Identity and Linear', () => {
    expect(arr(execute(one('Identity', [[2]]), tf.tensor2d([5, 6], [1, 2])).outputs[0])).toEqual([5, 6]);
    const b = new GraphBuilder();
    b.input('x', [2]);
    b.add({ name: 'fc', op: 'Linear', inputs: ['x'], params: { weight: tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]), bias: tf.tensor1d([1, 1, 1]) } });
    const g = b.output('fc').build();
    // [1, 2]·W + 1 = [1 + 8 + 1, 2 + 10 + 1, 3 + 12 + 1]
    expect(arr(execute(g, tf.tensor2d([1, 2], [1, 2])).outputs[0])).toEqual([10, 13, 16]);
    const c = new GraphBuilder();
    c.input('x', [2, 2, 1]);
    c.add({ name: 'fc', op: 'Linear', inputs: ['x'], params: { weight: tf.zeros([4, 2]) } });
    expect(() => c.output('fc').build()).toThrow(
      /node 'fc' \(Linear\), input shape\(s\) \[2, 2, 1\]: the input \(add a Flatten before Linear\) must have rank 1/,
    );
  });
});
