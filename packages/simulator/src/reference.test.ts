import { initBackend } from '@snn/backend';
import { GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulateReference } from './reference.js';

beforeAll(async () => {
  await initBackend('cpu');
});

/** Two IF output neurons reading x through weights [[1, 0], [0, 1]]: class = the larger input's spike count. */
function twoNeuronSnn() {
  const b = new GraphBuilder();
  b.input('x', [2]);
  b.add({ name: 'fc', op: 'Linear', inputs: ['x'], params: { weight: tf.eye(2) } });
  b.add({ name: 'if', op: 'IF', inputs: ['fc'], attrs: { neuron: { vThreshold: 1, vReset: null } } });
  return b.output('if').build();
}

describe('simulateReference', () => {
  it('gives the hand-derived accuracy at every t', async () => {
    // sample A: x = (0.3, 0.2), label 0. IF θ=1: neuron 0 spikes at t=4 (1.2), neuron 1 at t=5 (1.0).
    //   t=1..3: both sums 0 → argmax picks index 0 (tie → first) → correct; t=4: (1,0) → 0 correct.
    // sample B: x = (0.2, 0.3), label 1. t=1..3: tie → 0 → wrong; t=4: neuron 1 fired (1.2) → 1 correct;
    //   t=5: neuron 0 fires (1.0) → tie (1,1) → 0 wrong; t=6: (1,1) → wrong; t=7: neuron1 2.1→2 → correct.
    const g = twoNeuronSnn();
    const x = tf.tensor2d([
      [0.3, 0.2],
      [0.2, 0.3],
    ]);
    const r = await simulateReference(g, [{ x, y: [0, 1] }], { T: 7 });
    expect(r.correct).toEqual([1, 1, 1, 2, 1, 1, 2]);
    expect(r.accuracy[3]).toBe(1);
    expect(r.n).toBe(2);
    expect(r.confusion).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it('keeps the tensor count flat across batches and steps', async () => {
    const g = twoNeuronSnn();
    const data = [0, 1, 2].map(() => ({ x: tf.tensor2d([[0.5, 0.1]]), y: [0] }));
    const before = tf.memory().numTensors;
    await simulateReference(g, data, { T: 20 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a bad T', async () => {
    await expect(simulateReference(twoNeuronSnn(), [], { T: 0 })).rejects.toThrow(/positive integer, got 0/);
  });
});
