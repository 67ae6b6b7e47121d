import { initBackend } from '@snn/backend';
import { GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultChunk } from './session.js';
import { compilePlan, dynamicValues, largestDynamicSize } from './plan.js';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('defaultChunk', () => {
  // per-sample sizes of the nodes that run per step (the first convolution is static under constant input)
  const resnet = { largest: 4704, sum: 6 * 4704 + 6 * 2352 + 48 + 48 + 10 }; // 42,442
  const tutorial = { largest: 21632, sum: 21632 + 5408 + 3872 + 3872 + 800 + 288 + 288 + 32 + 32 + 10 + 10 }; // 36,244
  const vgg = { largest: 25088, sum: 3 * 25088 + 6272 + 4 * 12544 + 2 * 3136 + 10 }; // 137,994

  it('fits every per-step node of a chunk in CHUNK_VALUES together (2²² values, 16 MB), hand-derived', () => {
    // ⌊4,194,304 / (42,442 · 20)⌋ = ⌊4.94⌋ = 4 (the largest node alone would allow ⌊4,194,304 / (4,704 · 20)⌋ = 44)
    expect(defaultChunk(resnet.largest, 20, 64, resnet.sum)).toBe(4);
    // ⌊4,194,304 / (36,244 · 20)⌋ = ⌊5.79⌋ = 5
    expect(defaultChunk(tutorial.largest, 20, 200, tutorial.sum)).toBe(5);
  });

  it('takes at least 2 steps while the largest node allows them, never more than T', () => {
    // ⌊4,194,304 / (137,994 · 20)⌋ = 1 → 2, as ⌊4,194,304 / (25,088 · 20)⌋ = 8 allows
    expect(defaultChunk(vgg.largest, 20, 32, vgg.sum)).toBe(2);
    expect(defaultChunk(resnet.largest, 20, 3, resnet.sum)).toBe(3);
    expect(defaultChunk(resnet.largest, 20, 1, resnet.sum)).toBe(1);
    // a node of 300,000 values per sample: ⌊4,194,304 / 6,000,000⌋ = 0 → 1 step
    expect(defaultChunk(300_000, 20, 64, 400_000)).toBe(1);
  });

  it('with one node (no sum given) is the per-node bound it always was', () => {
    expect(defaultChunk(4704, 20, 64)).toBe(44);
    expect(defaultChunk(21632, 20, 200)).toBe(9);
  });

  it('reads the sum off the plan: the nodes that run per step, not the static ones', () => {
    const b = new GraphBuilder();
    b.input('x', [6]);
    b.add({ name: 'same', op: 'Identity', inputs: ['x'], attrs: {}, params: {} }); // static under constant input
    b.add({
      name: 'n1',
      op: 'IF',
      inputs: ['same'],
      attrs: { neuron: { vThreshold: 1, vReset: null }, amplitude: 'threshold' },
      params: { vThreshold: tf.ones([6]), v0: tf.zeros([6]) },
    });
    b.add({ name: 'f', op: 'Flatten', inputs: ['n1'], attrs: {}, params: {} });
    const g = b.output('f').build();
    const plan = compilePlan(g, true);
    expect(largestDynamicSize(plan)).toBe(6);
    expect(dynamicValues(plan)).toBe(12); // n1 and f, not `same`
    expect(dynamicValues(compilePlan(g, false))).toBe(18); // a varying input: `same` runs per step too
    g.dispose();
  });
});
