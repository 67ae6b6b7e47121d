import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { execute, GraphBuilder } from './index.js';

beforeAll(async () => {
  await initBackend('wasm');
});

function mlp() {
  const b = new GraphBuilder();
  b.input('x', [2, 2, 1]);
  b.add({ name: 'flat', op: 'Flatten', inputs: ['x'] });
  b.add({ name: 'fc1', op: 'Linear', inputs: ['flat'], params: { weight: tf.tensor2d([1, -1, 2, 0, 0, 1, -1, 1], [4, 2]), bias: tf.tensor1d([0, -1]) } });
  b.add({ name: 'relu', op: 'ReLU', inputs: ['fc1'] });
  b.add({ name: 'side', op: 'Clip', inputs: ['fc1'], attrs: { min: 0, max: 1 } });
  return b.output('relu').build();
}

describe('execute', () => {
  it('computes outputs and returns taps of any node or input', () => {
    const g = mlp();
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const { outputs, taps } = execute(g, x, { taps: ['fc1', 'x', 'side'] });
    // fc1 = [1·1 + 2·2 + 3·0 + 4·(−1), 1·(−1) + 2·0 + 3·1 + 4·1 − 1] = [1, 5]
    expect(Array.from(taps.fc1.dataSync())).toEqual([1, 5]);
    expect(Array.from(outputs[0].dataSync())).toEqual([1, 5]);
    expect(Array.from(taps.side.dataSync())).toEqual([1, 1]);
    expect(taps.x).not.toBe(x);
    expect(Array.from(taps.x.dataSync())).toEqual([1, 2, 3, 4]);
  });

  it('keeps the tensor count flat across batches', () => {
    const g = mlp();
    const run = () => {
      const x = tf.randomUniform([8, 2, 2, 1]);
      const r = execute(g, x, { taps: ['fc1'] });
      tf.dispose([x, ...r.outputs, ...Object.values(r.taps)]);
    };
    run();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) run();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names the input on a bad feed, and the node on a bad tap', () => {
    const g = mlp();
    expect(() => execute(g, tf.zeros([1, 4]))).toThrow("graph input 'x' expects [N, 2, 2, 1] (NHWC), got [1, 4]");
    expect(() => execute(g, { y: tf.zeros([1, 2, 2, 1]) })).toThrow("no tensor fed for graph input 'x'");
    expect(() => execute(g, tf.zeros([1, 2, 2, 1]), { taps: ['nope'] })).toThrow("no node or graph input named 'nope'");
  });

  it('runs only the nodes needed for outputs and taps', () => {
    const b = new GraphBuilder();
    b.input('x', [2]);
    b.add({ name: 'ok', op: 'ReLU', inputs: ['x'] });
    b.add({ name: 'never', op: 'Dropout', inputs: ['x'] });
    const g = b.output('ok').build();
    const before = tf.memory().numTensors;
    const r = execute(g, tf.ones([1, 2]));
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose(r.outputs);
  });
});
