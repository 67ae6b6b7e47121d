// Potential calibration (bias correction split into a persistent bias and a start-up V₀ charge): hand-derived values.
import { initBackend } from '@snn/backend';
import { GraphBuilder, nodeNeuronArrays } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../convert.js';
import { autoRecipe } from '../recipes.js';
import { correctBiases } from './bias-correction.js';
import { splitError, withDriveShift } from './potential.js';
import { referenceOutputMeans } from './output-means.js';

beforeAll(async () => {
  await initBackend('cpu');
});

/** x → fc1 (I₂) → r1 → fc2 (sum) → r2 → fc3 (1) → out: fc2 is fed by spikes and drives IF r2; fc3 is the accumulating output. */
function chainNet() {
  const b = new GraphBuilder();
  b.input('x', [2]);
  b.add({ name: 'fc1', op: 'Linear', inputs: ['x'], params: { weight: tf.eye(2), bias: tf.zeros([2]) } });
  b.add({ name: 'r1', op: 'ReLU', inputs: ['fc1'] });
  b.add({ name: 'fc2', op: 'Linear', inputs: ['r1'], params: { weight: tf.tensor2d([[1], [1]]), bias: tf.zeros([1]) } });
  b.add({ name: 'r2', op: 'ReLU', inputs: ['fc2'] });
  b.add({ name: 'fc3', op: 'Linear', inputs: ['r2'], params: { weight: tf.tensor2d([[1]]), bias: tf.zeros([1]) } });
  return b.output('fc3').build();
}

/** chainNet's four calibration images, as one batch (a new tensor per call). */
const xs = () => [
  tf.tensor2d([
    [0.3, 0.7],
    [1, 0.2],
    [0.05, 0.9],
    [2, 0.4],
  ]),
];

describe('splitError', () => {
  it('recovers a and c of e(t) = a + c/t from two horizons, and scales the charge', () => {
    // a = 0.1, c = 2: e(8) = 0.35, e(16) = 0.225
    const r = splitError(Float64Array.of(0.35), 8, Float64Array.of(0.225), 16);
    expect(r.shift[0]).toBeCloseTo(0.1, 12);
    expect(r.charge[0]).toBeCloseTo(2, 12);
    expect(splitError(Float64Array.of(0.35), 8, Float64Array.of(0.225), 16, 0.5).charge[0]).toBeCloseTo(1, 12);
  });
});

describe('withDriveShift', () => {
  it('tiles a per-channel shift over an IF after a Flatten (NHWC: channel j mod C) and adds to a drive already there', () => {
    const node = { name: 'i2', op: 'IF', inputs: ['fl'], attrs: {}, params: {}, shape: [8] };
    const once = withDriveShift(node, Float64Array.of(0.25, -0.5));
    expect(Array.from(once.drive.dataSync())).toEqual([0.25, -0.5, 0.25, -0.5, 0.25, -0.5, 0.25, -0.5]);
    const twice = withDriveShift({ ...node, params: once }, Float64Array.of(0.25, 0.5));
    expect(Array.from(twice.drive.dataSync())).toEqual([0.5, 0, 0.5, 0, 0.5, 0, 0.5, 0]);
    tf.dispose([once.drive, twice.drive]);
  });
});

describe('correctBiases with a split', () => {
  it("shifts the bias by a and the IF reader's V₀ by c, measured on the SNN at t₁ and T", async () => {
    // x → fc1 (I₂) → r1 → fc2 (sum) → r2 → fc3 (1) → out: fc2 is fed by spikes and drives IF r2
    const ann = chainNet();
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

describe('correctBiases with fade', () => {
  it('drives the IF reader by a for the T steps measured (the bias left as it was), the same SNN up to T, the uncorrected one after', async () => {
    const ann = chainNet();
    const { snn } = await convert(ann, xs, { ...autoRecipe(4), choices: undefined, biasCorrection: false });
    const biased = await correctBiases(ann, snn, xs(), 6, { split: 3 });
    const faded = await correctBiases(ann, snn, xs(), 6, { split: 3, fade: true });
    const a = biased.graph.node('fc2').params.bias.dataSync()[0];
    expect(Math.abs(a)).toBeGreaterThan(1e-3); // a correction there is to fade
    // fc2's bias untouched; r2 driven by a for 6 steps, its V₀ charge as with a bias
    expect(faded.graph.node('fc2').params.bias.dataSync()[0]).toBe(0);
    expect(faded.graph.node('r2').params.drive.dataSync()[0]).toBeCloseTo(a, 6);
    expect(faded.graph.node('r2').attrs.driveSteps).toBe(6);
    expect(faded.corrections.map((c) => c.drives)).toEqual([{ neurons: ['r2'], steps: 6 }, undefined]);
    expect(faded.graph.node('r2').params.v0.dataSync()[0]).toBeCloseTo(biased.graph.node('r2').params.v0.dataSync()[0], 6);
    // fc3 reaches no IF: its shift stays a bias, as without fade
    expect(faded.graph.node('fc3').params.bias.dataSync()[0]).toBeCloseTo(biased.graph.node('fc3').params.bias.dataSync()[0], 5);
    // up to T = 6 the two SNNs are the same (a added before or after the Linear's sum: float32 rounding apart)
    const x = xs()[0];
    const images = { images: (await x.data()) as Float32Array, n: 4, shape: [2] };
    const probe = (g: typeof snn) => g.with({ outputs: ['r2'] });
    const long = 3000;
    const means = async (g: typeof snn) => Array.from(await referenceOutputMeans(probe(g), images, long, [3, 6, long]));
    const withBias = await means(biased.graph);
    const withDrive = await means(faded.graph);
    const unbiased = await means(biased.graph.with({ update: { fc2: { params: { ...biased.graph.node('fc2').params, bias: tf.zeros([1]) } } } }));
    expect(withDrive.slice(0, 2)).toEqual(withBias.slice(0, 2));
    // over 3,000 steps the bias moves r2's mean by about a (−0.026); the drive's a·6/3000 is lost in one spike's θ/3000 (7.6e-4)
    expect(Math.abs(withBias[2] - unbiased[2])).toBeGreaterThan(0.015);
    expect(Math.abs(withDrive[2] - unbiased[2])).toBeLessThan(0.002);
    x.dispose();
  });
});
