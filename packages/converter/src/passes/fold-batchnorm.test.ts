import { initBackend } from '@snn/backend';
import { execute, GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { foldBatchNorm } from './fold-batchnorm.js';

beforeAll(async () => {
  await initBackend('cpu');
});

const bn = (name: string, input: string, g: number[], b: number[], m: number[], v: number[], eps: number) => ({
  name,
  op: 'BatchNorm',
  inputs: [input],
  attrs: { eps },
  params: { gamma: tf.tensor1d(g), beta: tf.tensor1d(b), mean: tf.tensor1d(m), var: tf.tensor1d(v) },
});

describe('foldBatchNorm', () => {
  it('matches the hand-derived fold of Linear(1→1) + BatchNorm', async () => {
    // W=2, b=1; γ=3, β=0.5, μ=1, var=3, ε=1 → σ=2, γ/σ=1.5 → W̄=3, b̄=(1−1)·1.5+0.5=0.5
    const b = new GraphBuilder();
    b.input('x', [1]);
    b.add({ name: 'fc', op: 'Linear', inputs: ['x'], params: { weight: tf.tensor2d([[2]]), bias: tf.tensor1d([1]) } });
    b.add(bn('bn', 'fc', [3], [0.5], [1], [3], 1));
    const g = b.output('bn').build();
    const { graph, folded } = foldBatchNorm(g);
    expect(folded).toEqual([{ batchNorm: 'bn', into: 'fc' }]);
    expect(graph.nodes.map((n) => n.op)).toEqual(['Linear']);
    expect(graph.outputs).toEqual(['fc']);
    expect(await graph.node('fc').params.weight.data()).toEqual(Float32Array.of(3));
    expect(await graph.node('fc').params.bias.data()).toEqual(Float32Array.of(0.5));
    const x = tf.tensor2d([[2]]);
    const before = execute(g, x).outputs[0];
    const after = execute(graph, x).outputs[0];
    expect((await before.data())[0]).toBeCloseTo(6.5, 6); // (2·2+1−1)/2·3+0.5
    expect((await after.data())[0]).toBeCloseTo(6.5, 6);
    // the user's graph is untouched
    expect(g.nodes.map((n) => n.op)).toEqual(['Linear', 'BatchNorm']);
    expect(await g.node('fc').params.weight.data()).toEqual(Float32Array.of(2));
  });

  it('keeps a conv net with per-channel BatchNorm numerically equal (no conv bias)', async () => {
    const b = new GraphBuilder();
    b.input('x', [6, 6, 2]);
    b.add({
      name: 'conv',
      op: 'Conv2d',
      inputs: ['x'],
      attrs: { strides: [1, 1], pads: [1, 1, 1, 1] },
      params: { weight: tf.randomNormal([3, 3, 2, 3], 0, 1, 'float32', 1) },
    });
    b.add(bn('bn', 'conv', [1.5, 0.5, 2], [0.1, -0.2, 0.3], [0.2, -0.1, 0.05], [0.5, 2, 1.2], 1e-3));
    b.add({ name: 'relu', op: 'ReLU', inputs: ['bn'] });
    const g = b.output('relu').build();
    const { graph } = foldBatchNorm(g);
    expect(graph.nodes.map((n) => n.op)).toEqual(['Conv2d', 'ReLU']);
    const x = tf.randomNormal([4, 6, 6, 2], 0, 1, 'float32', 2);
    const a = await execute(g, x).outputs[0].data();
    const c = await execute(graph, x).outputs[0].data();
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - c[i]));
    expect(worst).toBeLessThan(1e-5);
  });

  it('leaves a BatchNorm alone when its producer has another reader', () => {
    const b = new GraphBuilder();
    b.input('x', [2]);
    b.add({ name: 'fc', op: 'Linear', inputs: ['x'], params: { weight: tf.eye(2) } });
    b.add(bn('bn', 'fc', [1, 1], [0, 0], [0, 0], [1, 1], 0));
    b.add({ name: 'sum', op: 'Add', inputs: ['bn', 'fc'] });
    const { graph, folded } = foldBatchNorm(b.output('sum').build());
    expect(folded).toEqual([]);
    expect(graph.nodes.map((n) => n.op)).toEqual(['Linear', 'BatchNorm', 'Add']);
  });
});
