// Potential calibration (bias correction split into a persistent bias and a start-up V₀ charge): hand-derived values.
import { initBackend } from '@snn/backend';
import { GraphBuilder, nodeNeuronArrays } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../convert.js';
import { autoRecipe } from '../recipes.js';
import { correctBiases } from './bias-correction.js';
import { splitError } from './potential.js';
import { referenceOutputMeans } from './output-means.js';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('splitError', () => {
  it('recovers a and c of e(t) = a + c/t from two horizons, and scales the charge', () => {
    // a = 0.1, c = 2: e(8) = 0.35, e(16) = 0.225
    const r = splitError(Float64Array.of(0.35), 8, Float64Array.of(0.225), 16);
    expect(r.shift[0]).toBeCloseTo(0.1, 12);
    expect(r.charge[0]).toBeCloseTo(2, 12);
    expect(splitError(Float64Array.of(0.35), 8, Float64Array.of(0.225), 16, 0.5).charge[0]).toBeCloseTo(1, 12);
  });
});

describe('correctBiases with a split', () => {
  it("shifts the bias by a and the IF reader's V₀ by c, measured on the SNN at t₁ and T", async () => {
    // x → fc1 (I₂) → r1 → fc2 (sum) → r2 → fc3 (1) → out: fc2 is fed by spikes and drives IF r2
    const b = new GraphBuilder();
    b.input('x', [2]);
    b.add({ name: 'fc1', op: 'Linear', inputs: ['x'], params: { weight: tf.eye(2), bias: tf.zeros([2]) } });
    b.add({ name: 'r1', op: 'ReLU', inputs: ['fc1'] });
    b.add({ name: 'fc2', op: 'Linear', inputs: ['r1'], params: { weight: tf.tensor2d([[1], [1]]), bias: tf.zeros([1]) } });
    b.add({ name: 'r2', op: 'ReLU', inputs: ['fc2'] });
    b.add({ name: 'fc3', op: 'Linear', inputs: ['r2'], params: { weight: tf.tensor2d([[1]]), bias: tf.zeros([1]) } });
    const ann = b.output('fc3').build();
    const xs = () => [
      tf.tensor2d([
        [0.3, 0.7],
        [1, 0.2],
        [0.05, 0.9],
        [2, 0.4],
      ]),
    ];
    const { snn } = await convert(ann, xs, { ...autoRecipe(4), choices: undefined, biasCorrection: false });
    const { graph, corrections } = await correctBiases(ann, snn, xs(), 6, { split: 3 });
    // by hand: the ANN's mean of fc2 = mean of x₁ + x₂ (x ≥ 0, so ReLU(x) = x)
    const x = xs()[0];
    const images = { images: (await x.data()) as Float32Array, n: 4, shape: [2] };
    const [m3, m6] = Array.from(await referenceOutputMeans(snn.with({ outputs: ['fc2'] }), images, 6, [3, 6]));
    const annMean = (0.3 + 0.7 + 1 + 0.2 + 0.05 + 0.9 + 2 + 0.4) / 4;
    const a = (6 * (annMean - m6) - 3 * (annMean - m3)) / 3;
    const c = 6 * (annMean - m6) - 6 * a;
    expect(graph.node('fc2').params.bias.dataSync()[0]).toBeCloseTo(a, 5);
    const theta = nodeNeuronArrays(snn.node('r2')).theta[0];
    expect(graph.node('r2').params.v0.dataSync()[0]).toBeCloseTo(theta / 2 + c, 5);
    expect(corrections[0]).toMatchObject({ node: 'fc2' });
    expect(corrections[0].meanAbsV0Shift).toBeCloseTo(Math.abs(c), 5);
    // the accumulating output fc3 has no IF reader: its bias only
    expect(corrections[1]).toEqual({ node: 'fc3', meanAbsShift: expect.any(Number) });
    x.dispose();
  });
});
