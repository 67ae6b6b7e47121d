import { initBackend } from '@snn/backend';
import { execute, GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { moveMaxPoolBeforeActivation } from './move-maxpool.js';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('moveMaxPoolBeforeActivation', () => {
  it('swaps ReLU → MaxPool into MaxPool → ReLU with identical outputs', async () => {
    const b = new GraphBuilder();
    b.input('x', [4, 4, 2]);
    b.add({ name: 'relu', op: 'ReLU', inputs: ['x'] });
    b.add({ name: 'pool', op: 'MaxPool2d', inputs: ['relu'], attrs: { kernel: [2, 2], strides: [2, 2] } });
    b.add({ name: 'flat', op: 'Flatten', inputs: ['pool'] });
    const g = b.output('flat').build();
    const { graph, moved } = moveMaxPoolBeforeActivation(g);
    expect(moved).toEqual(['pool']);
    expect(graph.nodes.map((n) => `${n.name}<-${n.inputs.join(',')}`)).toEqual(['pool<-x', 'relu<-pool', 'flat<-relu']);
    const x = tf.randomNormal([3, 4, 4, 2], 0, 1, 'float32', 3);
    expect(Array.from(await execute(graph, x).outputs[0].data())).toEqual(Array.from(await execute(g, x).outputs[0].data()));
  });
});
