import { initBackend } from '@snn/backend';
import { type Graph, GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../convert.js';
import { tiny } from '../tiny-graph.fixture.js';
import { estimateReadoutDelay } from './delay-estimate.js';

beforeAll(async () => {
  await initBackend('wasm');
});

/**
 * x [2] → identity Linear → IF1 (one θ = 2, V₀ = θ/2 = 1) → Linear W = [[1, 1], [1, 0]], b = (0, −0.5) → IF2
 * (θ per channel (4, 1), V₀ = 0, or a v0 param).
 */
function twoLayers(v0?: number[]): Graph {
  const b = new GraphBuilder();
  b.input('x', [2]);
  b.add({ name: 'fc1', op: 'Linear', inputs: ['x'], params: { weight: tf.eye(2) } });
  const neuron = (f: number) => ({ vThreshold: 1, vReset: null, v0: { fractionOfThreshold: f } });
  b.add({ name: 'if1', op: 'IF', inputs: ['fc1'], attrs: { neuron: { ...neuron(0.5), vThreshold: 2 }, amplitude: 'threshold' } });
  b.add({
    name: 'fc2',
    op: 'Linear',
    inputs: ['if1'],
    params: {
      weight: tf.tensor2d([
        [1, 1],
        [1, 0],
      ]),
      bias: tf.tensor1d([0, -0.5]),
    },
  });
  const params = { vThreshold: tf.tensor1d([4, 1]), ...(v0 ? { v0: tf.tensor1d(v0) } : {}) };
  b.add({ name: 'if2', op: 'IF', inputs: ['fc2'], attrs: { neuron: neuron(0), amplitude: 'threshold' }, params });
  return b.output('if2').build();
}
const images = () => [tf.tensor2d([[1, 2]]), tf.tensor2d([[3, 0]])]; // two batches of one image

describe('estimateReadoutDelay (SpikingJelly estimate_delay_start)', () => {
  it("sums each layer's (θ − V₀) / mean activation from the clipped-ANN probe, rounds up and clamps for T (hand-derived)", async () => {
    // if1 (one θ): currents 1, 2, 3, 0 → global mean relu 1.5; need θ − V₀ = 1 → 2/3 step.
    // the probe clips at θ = 2: (1, 2) and (2, 0) → fc2: (3, 0.5) and (2, 1.5)
    // if2 (θ per channel): channel means 2.5 and 1 → a = 2.5; need mean(4 − 0, 1 − 0) = 2.5 → 1 step. Σ = 5/3 → k = 2.
    const snn = twoLayers();
    const data = images();
    const before = tf.memory().numTensors;
    const e = await estimateReadoutDelay(snn, data, 8);
    expect(tf.memory().numTensors).toBe(before);
    expect(e.layers.map((l) => l.node)).toEqual(['if1', 'if2']);
    expect(e.layers[0].steps).toBeCloseTo(2 / 3, 6);
    expect(e.layers[1].steps).toBeCloseTo(1, 6);
    expect(e.steps).toBeCloseTo(5 / 3, 6);
    expect(e).toMatchObject({ delay: 2, T: 8, samples: 2 });
    // at least 4 steps read: T = 5 < 2 + 4 → max(T − 4, 0) = 1; T = 3 → 0; T = 6 → 2
    expect((await estimateReadoutDelay(snn, images(), 5)).delay).toBe(1);
    expect((await estimateReadoutDelay(snn, images(), 3)).delay).toBe(0);
    expect((await estimateReadoutDelay(snn, images(), 6)).delay).toBe(2);
  });

  it('reads a per-channel V₀ param: if2 needs mean(4 − 1, 1 − 0.5) / 2.5 = 0.7 step', async () => {
    const e = await estimateReadoutDelay(twoLayers([1, 0.5]), images(), 16);
    expect(e.layers[1].steps).toBeCloseTo(0.7, 6);
    expect(e.steps).toBeCloseTo(2 / 3 + 0.7, 6);
    expect(e.delay).toBe(2);
  });

  it('a spiking max-pool is probed as the MaxPool2d of its window; no spiking layer → delay 0', async () => {
    const b = new GraphBuilder();
    b.input('x', [2, 2, 1]);
    b.add({ name: 'if1', op: 'IF', inputs: ['x'], attrs: { neuron: { vThreshold: 4, vReset: null }, amplitude: 'threshold' } });
    b.add({ name: 'pool', op: 'SpikingMaxPool2d', inputs: ['if1'], attrs: { kernel: [2, 2], rule: 'running-max' } });
    b.add({ name: 'if2', op: 'IF', inputs: ['pool'], attrs: { neuron: { vThreshold: 2, vReset: null }, amplitude: 'threshold' } });
    const snn = b.output('if2').build();
    // if1: pixels 1, 3, 0, 8 → mean relu 3; need 4 → 4/3. The probe clips at 4 and pools: max(1, 3, 0, 4) = 4 → if2: need 2 / 4 = 0.5.
    const e = await estimateReadoutDelay(snn, [tf.tensor4d([1, 3, 0, 8], [1, 2, 2, 1])], 32);
    expect(e.layers[0].steps).toBeCloseTo(4 / 3, 6);
    expect(e.layers[1].steps).toBeCloseTo(0.5, 6);
    expect(e.delay).toBe(2);
    const ann = new GraphBuilder();
    ann.input('x', [2]);
    ann.add({ name: 'fc', op: 'Linear', inputs: ['x'], params: { weight: tf.eye(2) } });
    expect((await estimateReadoutDelay(ann.output('fc').build(), images(), 8)).delay).toBe(0);
    await expect(estimateReadoutDelay(snn, [], 8)).rejects.toThrow(/yielded no image/);
    await expect(estimateReadoutDelay(snn, images(), 0)).rejects.toThrow(/T must be a positive integer, got 0/);
  });
});

describe("convert's recipe.readoutDelay", () => {
  const recipe = { mode: { kind: 'max' as const }, statistics: 'exact' as const, outputLayer: 'if' as const };
  const data = () => [
    tf.tensor2d([
      [1, 2],
      [3, 0],
    ]),
  ];

  it("sets the SNN's readout delay: k as given, or the estimate for targetT; the report says which; none without the field", async () => {
    const fixed = await convert(tiny(), data, { ...recipe, readoutDelay: 3 });
    expect(fixed.snn.readout).toEqual({ delay: 3 });
    expect(fixed.report.readoutDelay).toEqual({ delay: 3, source: 'recipe' });
    // max mode, V₀ = 0: θ_r1 = 3 (per layer); r1's currents 1, 2, 3, 0 → mean 1.5 → 3 / 1.5 = 2 steps;
    // the probe clips r1 at 3: fc2 = 1 + 2 = 3 and 3 + 0 = 3 → θ_out = 3, mean 3 → 1 step. Σ = 3 → k = 3 (targetT 16 ≥ 3 + 4)
    const est = await convert(tiny(), data, { ...recipe, readoutDelay: 'estimate', targetT: 16 });
    expect(est.report.readoutDelay?.source).toBe('estimate');
    expect(est.report.readoutDelay?.estimate?.steps).toBeCloseTo(3, 5);
    expect(est.snn.readout).toEqual({ delay: 3 });
    expect((await convert(tiny(), data, { ...recipe, readoutDelay: 'estimate', targetT: 6 })).snn.readout).toEqual({ delay: 2 }); // 6 < 3 + 4 → 6 − 4
    const none = await convert(tiny(), data, recipe);
    expect(none.snn.readout).toEqual({ delay: 0 });
    expect('readoutDelay' in none.report).toBe(false);
    await expect(convert(tiny(), data, { ...recipe, readoutDelay: -1 })).rejects.toThrow(
      /recipe\.readoutDelay must be a whole number of steps >= 0 or 'estimate', got -1/,
    );
  });
});
