import { initBackend } from '@snn/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { execute, GraphBuilder } from '../index.js';

beforeAll(async () => {
  await initBackend('cpu');
});

function run(shape: number[], spec: { op: string; attrs?: Record<string, unknown>; params?: Record<string, tf.Tensor> }, data: number[]) {
  const b = new GraphBuilder();
  b.input('x', shape.slice(1));
  b.add({ name: 'y', inputs: ['x'], ...spec });
  const g = b.output('y').build();
  const x = tf.tensor(data, shape);
  const y = execute(g, x).outputs[0];
  const out = { shape: y.shape, data: Array.from(y.dataSync()) };
  tf.dispose([x, y]);
  g.dispose();
  return out;
}
const close = (a: number[], b: number[]) => expect(Math.max(...a.map((v, i) => Math.abs(v - b[i])))).toBeLessThan(1e-6);

describe('layers for user-exported ONNX models (hand values)', () => {
  it('Affine: x·scale + shift per channel (last axis) and per element', () => {
    close(run([1, 1, 2, 2], { op: 'Affine', params: { scale: tf.tensor1d([2, 10]), shift: tf.tensor1d([1, 0]) } }, [1, 2, 3, 4]).data, [3, 20, 7, 40]);
    close(run([1, 2], { op: 'Affine', params: { shift: tf.tensor1d([-1, 1]) } }, [5, 5]).data, [4, 6]);
    expect(() => run([1, 2], { op: 'Affine', params: { scale: tf.tensor1d([1, 2, 3]) } }, [1, 2])).toThrow(/param scale \[3\] does not broadcast/);
  });
  it('Transpose and Reshape move values as numpy does', () => {
    // [2, 3] = [[1, 2, 3], [4, 5, 6]] → perm [1, 0] → [[1, 4], [2, 5], [3, 6]].
    expect(run([1, 2, 3], { op: 'Transpose', attrs: { perm: [1, 0] } }, [1, 2, 3, 4, 5, 6])).toEqual({ shape: [1, 3, 2], data: [1, 4, 2, 5, 3, 6] });
    expect(run([1, 2, 3], { op: 'Reshape', attrs: { shape: [3, 2] } }, [1, 2, 3, 4, 5, 6])).toEqual({ shape: [1, 3, 2], data: [1, 2, 3, 4, 5, 6] });
    expect(() => run([1, 2, 3], { op: 'Reshape', attrs: { shape: [4] } }, [1, 2, 3, 4, 5, 6])).toThrow(/does not hold the 6 values/);
  });
  it('Reduce: mean and sum keep the reduced axes as 1', () => {
    expect(run([1, 2, 3], { op: 'Reduce', attrs: { axes: [1], kind: 'sum' } }, [1, 2, 3, 4, 5, 6])).toEqual({ shape: [1, 2, 1], data: [6, 15] });
    expect(run([1, 2, 3], { op: 'Reduce', attrs: { axes: [0], kind: 'mean' } }, [1, 2, 3, 4, 5, 6])).toEqual({ shape: [1, 1, 3], data: [2.5, 3.5, 4.5] });
  });
  it('Softmax and log-softmax over the last axis', () => {
    const e = [Math.exp(0), Math.exp(1), Math.exp(2)];
    const z = e[0] + e[1] + e[2];
    close(
      run([1, 3], { op: 'Softmax' }, [0, 1, 2]).data,
      e.map((v) => v / z),
    );
    close(
      run([1, 3], { op: 'Softmax', attrs: { log: true } }, [0, 1, 2]).data,
      [0, 1, 2].map((v) => v - Math.log(z)),
    );
  });
  it('GlobalMaxPool takes the max over H and W', () => {
    expect(run([1, 2, 2, 2], { op: 'GlobalMaxPool' }, [1, -1, 5, -2, 3, -3, 4, -4])).toEqual({ shape: [1, 1, 1, 2], data: [5, -1] });
  });
  it('activations for ANN inference', () => {
    const x = [-2, -0.5, 0, 1, 4];
    close(
      run([1, 5], { op: 'Sigmoid' }, x).data,
      x.map((v) => 1 / (1 + Math.exp(-v))),
    );
    close(run([1, 5], { op: 'Tanh' }, x).data, x.map(Math.tanh));
    close(
      run([1, 5], { op: 'Exp' }, x).data.map((v, i) => v / Math.exp(x[i])),
      [1, 1, 1, 1, 1],
    );
    close(run([1, 5], { op: 'LeakyReLU', attrs: { alpha: 0.1 } }, x).data, [-0.2, -0.05, 0, 1, 4]);
    close(run([1, 5], { op: 'PReLU', params: { slope: tf.tensor1d([0.5]) } }, x).data, [-1, -0.25, 0, 1, 4]);
    close(run([1, 5], { op: 'HardSigmoid' }, x).data, [0.1, 0.4, 0.5, 0.7, 1]);
    close(run([1, 5], { op: 'HardSwish' }, x).data, [-2 * (1 / 6), -0.5 * (5 / 12), 0, 1 * (2 / 3), 4]);
  });
});
