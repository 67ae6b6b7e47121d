import { initBackend } from '@snn/backend';
import { execute, GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConversionError, convert } from './convert.js';
import { autoRecipe, parseMode, spikingJellyRecipe } from './recipes.js';

beforeAll(async () => {
  await initBackend('cpu');
});

/** x → Linear(W = I₂) → ReLU (r1) → Linear(W = [[1],[1]]) → ReLU (out): r1 = relu(x), out = relu(x₀ + x₁). */
function tiny(op: 'ReLU' | 'Sigmoid' = 'ReLU') {
  const b = new GraphBuilder();
  b.input('x', [2]);
  b.add({ name: 'fc1', op: 'Linear', inputs: ['x'], params: { weight: tf.eye(2), bias: tf.zeros([2]) } });
  b.add({ name: 'r1', op: op === 'ReLU' ? 'ReLU' : 'Identity', inputs: ['fc1'] });
  b.add({ name: 'fc2', op: 'Linear', inputs: ['r1'], params: { weight: tf.tensor2d([[1], [1]]) } });
  b.add({ name: 'out', op: 'ReLU', inputs: ['fc2'] });
  return b.output('out').build();
}

const batchesOf = (rows: number[][][]) => () => rows.map((r) => tf.tensor2d(r));

describe('convert', () => {
  it('max mode with SpikingJelly statistics: θ = EMA of batch maxima, IF nodes with amplitude θ', async () => {
    // batch 1: r1 max = 2, out max = 3; batch 2: r1 max = 4, out max = 4.5
    // EMA(0.1): r1 θ = 0.9·2 + 0.1·4 = 2.2; out θ = 0.9·3 + 0.1·4.5 = 3.15
    const data = batchesOf([
      [
        [1, 2],
        [0, -1],
      ],
      [
        [4, 0.5],
        [-1, 0],
      ],
    ]);
    const { snn, report } = await convert(tiny(), data, spikingJellyRecipe({ kind: 'max' }));
    expect(report.layers.map((l) => l.node)).toEqual(['r1', 'out']);
    expect(report.layers[0].threshold).toBeCloseTo(2.2, 5);
    expect(report.layers[1].threshold).toBeCloseTo(3.15, 5);
    expect(report.outputLayer).toEqual({ mode: 'if', node: 'out' });
    expect(snn.node('r1')).toMatchObject({ op: 'IF', attrs: { amplitude: 'threshold' } });
    expect((snn.node('r1').attrs.neuron as { vThreshold: number }).vThreshold).toBeCloseTo(2.2, 5);
    // one step with x = (2.2, 0): r1 neuron 0 reaches θ and emits θ = 2.2; out gets 2.2 < 3.15: silent
    const { outputs, taps } = execute(snn, tf.tensor2d([[2.2, 0]]), { taps: ['r1'] });
    expect(Array.from(await taps.r1.data()).map((v) => +v.toFixed(4))).toEqual([2.2, 0]);
    expect(Array.from(await outputs[0].data())).toEqual([0]);
  });

  it('accumulate output drops the last ReLU; exact channel-wise statistics give per-channel θ', async () => {
    const data = batchesOf([
      [
        [1, 2],
        [0, -1],
      ],
      [
        [4, 0.5],
        [-1, 0],
      ],
    ]);
    const { snn, report } = await convert(tiny(), data, {
      ...spikingJellyRecipe({ kind: 'max' }),
      statistics: 'exact',
      channelWise: true,
      outputLayer: 'accumulate',
    });
    expect(report.layers).toEqual([{ node: 'r1', op: 'ReLU', threshold: { channels: 2, min: 2, mean: 3, max: 4 }, source: 'calibration' }]);
    expect(report.outputLayer).toEqual({ mode: 'accumulate', node: 'fc2' });
    expect(snn.outputs).toEqual(['fc2']);
    expect(Array.from(await snn.node('r1').params.vThreshold.data())).toEqual([4, 2]);
  });

  it('Clip(0, λ) becomes IF with θ = λ without calibration statistics', async () => {
    const b = new GraphBuilder();
    b.input('x', [2]);
    b.add({ name: 'c', op: 'Clip', inputs: ['x'], attrs: { min: 0, max: 6 } });
    b.add({ name: 'fc', op: 'Linear', inputs: ['c'], params: { weight: tf.eye(2) } });
    const { snn, report } = await convert(b.output('fc').build(), batchesOf([[[100, 1]]]), parseMode('max'));
    expect(report.layers).toEqual([{ node: 'c', op: 'Clip', threshold: 6, source: 'clip' }]);
    expect((snn.node('c').attrs.neuron as { vThreshold: number }).vThreshold).toBe(6);
  });

  it('the ANN given is not modified', async () => {
    const ann = tiny();
    const before = ann.nodes.map((n) => n.op);
    await convert(ann, batchesOf([[[1, 2]]]), parseMode('99.9%'));
    expect(ann.nodes.map((n) => n.op)).toEqual(before);
  });

  it('auto: bias correction and half-threshold start; tensor count flat', async () => {
    const x = tf.tensor2d([
      [1, 2],
      [0.5, 0.1],
      [3, 1],
    ]);
    const ann = tiny();
    const before = tf.memory().numTensors;
    const { snn, report } = await convert(ann, () => [x], autoRecipe(4));
    // fc1 sees the same constant input in both networks (no IF upstream): nothing to correct there
    expect(report.biasCorrections.map((c) => c.node)).toEqual(['fc2']);
    expect((snn.node('r1').attrs.neuron as { v0: unknown }).v0).toEqual({ fractionOfThreshold: 0.5 });
    // exactly the new tensors the SNN owns: fc2's corrected bias and r1's per-channel θ
    expect(tf.memory().numTensors - before).toBe(2);
  });

  it('refuses a graph with an activation it cannot convert, naming node and op', async () => {
    const b = new GraphBuilder();
    b.input('x', [2]);
    b.add({ name: 'clip', op: 'Clip', inputs: ['x'], attrs: { min: -1, max: 1 } });
    const g = b.output('clip').build();
    const err = await convert(g, batchesOf([[[1, 2]]]), parseMode('max')).catch((e) => e);
    expect(err).toBeInstanceOf(ConversionError);
    expect(err.message).toMatch(/node 'clip' \(Clip min=-1 max=1\)/);
  });

  it('refuses empty calibration data', async () => {
    await expect(convert(tiny(), () => [], parseMode('max'))).rejects.toThrow(/no batch/);
  });
});
