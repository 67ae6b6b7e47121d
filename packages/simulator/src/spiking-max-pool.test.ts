// The chunked engine's SpikingMaxPool2d against the step-by-step reference (the layer's tensor
// ops): outputs bit-identical at every t, for both rules, momentum, pads, strides, every chunking.
import { initBackend } from '@snn/backend';
import { type Graph, GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { engineSums, fashionFixtureSnn, fashionOrMnist, KERNELS, maxDiff, mnistTestSubset, referenceSums, rng } from '../test/helpers.js';
import { constantEncoder } from './encoders/constant.js';
import { poissonEncoder } from './encoders/poisson.js';
import { compilePlan } from './engine/plan.js';
import { ChunkedRunner } from './engine/runner.js';
import { type FiringRateResult, firingRates, type SopResult, synapticOps } from './monitors/index.js';
import { simulate } from './simulate.js';
import type { ArraySource } from './types.js';

beforeAll(async () => {
  await initBackend('wasm');
});

/** conv → IF → gate 2×2 → conv → IF (per-channel θ) → running-max 3×3/2 pads → conv → IF → gate (β 0.7) 2×2 pads → Linear. */
function pooledSnn(): Graph {
  const r = rng(11);
  const t = (shape: number[], lo = -0.5, hi = 0.7) =>
    tf.tensor(
      Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => r(lo, hi)),
      shape,
    );
  const ifNode = (name: string, input: string, theta: number) => ({
    name,
    op: 'IF',
    inputs: [input],
    attrs: { neuron: { vThreshold: theta, vReset: null, v0: { fractionOfThreshold: 0.5 } }, amplitude: 'threshold' },
  });
  const b = new GraphBuilder();
  b.input('x', [12, 12, 2]);
  b.add({ name: 'c1', op: 'Conv2d', inputs: ['x'], attrs: { pads: [1, 1, 1, 1] }, params: { weight: t([3, 3, 2, 4]), bias: t([4], 0, 0.2) } });
  b.add(ifNode('if1', 'c1', 0.6));
  b.add({ name: 'p1', op: 'SpikingMaxPool2d', inputs: ['if1'], attrs: { kernel: [2, 2] } }); // 6×6
  b.add({ name: 'c2', op: 'Conv2d', inputs: ['p1'], attrs: { pads: [1, 1, 1, 1] }, params: { weight: t([3, 3, 4, 4]), bias: t([4], 0, 0.1) } });
  b.add({ ...ifNode('if2', 'c2', 1), params: { vThreshold: tf.tensor1d([0.4, 0.7, 1, 0.55]) } });
  b.add({ name: 'p2', op: 'SpikingMaxPool2d', inputs: ['if2'], attrs: { kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], rule: 'running-max' } }); // 3×3
  b.add({ name: 'c3', op: 'Conv2d', inputs: ['p2'], attrs: { pads: [1, 1, 1, 1] }, params: { weight: t([3, 3, 4, 4]), bias: t([4], 0, 0.1) } });
  b.add(ifNode('if3', 'c3', 0.5));
  b.add({ name: 'p3', op: 'SpikingMaxPool2d', inputs: ['if3'], attrs: { kernel: [2, 2], pads: [0, 0, 1, 1], momentum: 0.7 } }); // 2×2
  b.add({ name: 'flat', op: 'Flatten', inputs: ['p3'] });
  b.add({ name: 'fc', op: 'Linear', inputs: ['flat'], params: { weight: t([16, 5], -1, 1.5), bias: t([5], 0, 0.1) } });
  return b.output('fc').build();
}

function pooledData(n: number): ArraySource {
  const r = rng(5);
  return {
    images: Float32Array.from({ length: n * 288 }, () => r()),
    labels: Uint8Array.from({ length: n }, () => Math.floor(r(0, 5))),
    n,
    shape: [12, 12, 2],
  };
}

describe('SpikingMaxPool2d in the chunked engine = reference', () => {
  it('is run by its own kernel from the registry', () => {
    const runner = new ChunkedRunner(compilePlan(pooledSnn(), true), { T: 4, encoder: constantEncoder(), engine: { chunk: 4 } });
    expect(['p1', 'p2', 'p3'].map((n) => runner.kernelOf(n))).toEqual(['js-spiking-max-pool', 'js-spiking-max-pool', 'js-spiking-max-pool']);
  });

  it('outputs at every t, bit for bit, for every chunking and kernel set', () => {
    const snn = pooledSnn();
    const data = pooledData(12);
    const ref = referenceSums(snn, data.images, data.n, [12, 12, 2], 20);
    // the pools are not idle: the summed outputs move between steps
    expect(maxDiff([ref[19]], [ref[9]])).toBeGreaterThan(0.1);
    for (const chunk of [1, 3, 20])
      for (const kernels of KERNELS)
        expect(maxDiff(engineSums(snn, data.images, data.n, 20, chunk, undefined, kernels), ref), `chunk ${chunk}, ${kernels}`).toBe(0);
  });

  it('Poisson input: the same encoded spikes give the same outputs', () => {
    const snn = pooledSnn();
    const data = pooledData(6);
    const enc = poissonEncoder({ seed: 9 });
    const ref = referenceSums(snn, data.images, data.n, [12, 12, 2], 16, enc);
    for (const chunk of [1, 7]) expect(maxDiff(engineSums(snn, data.images, data.n, 16, chunk, enc), ref)).toBe(0);
  });

  it('simulate() takes the chunked path and scores as the reference', async () => {
    const snn = pooledSnn();
    const data = pooledData(30);
    const ref = await simulate(snn, data, { T: 16, path: 'reference', batchSize: 8 });
    const fast = await simulate(snn, data, { T: 16, workers: 1, batchSize: 8, chunk: 5 });
    expect(fast.path).toBe('chunked');
    expect(fast.correct).toEqual(ref.correct);
    expect(fast.confusion).toEqual(ref.confusion);
  });

  it('monitors run beside it (firing rates, synaptic operations)', async () => {
    const r = await simulate(pooledSnn(), pooledData(8), { T: 8, workers: 1, monitors: [firingRates(), synapticOps()] });
    expect(r.path).toBe('chunked');
    const rates = r.monitors?.firingRates as FiringRateResult;
    // a gate passes at most the spikes its window's neurons fire, and p1's 2×2 windows do not overlap
    expect(rates.p1.spikesPerImage).toBeGreaterThan(0);
    expect(rates.p1.spikesPerImage).toBeLessThanOrEqual(rates.if1.spikesPerImage);
    // an IF read only by a pool reaches no synapse itself: its spikes are counted where the pool passes them
    const sops = r.monitors?.synapticOps as SopResult;
    expect(sops.layers.find((l) => l.node === 'if1')?.sopsPerImage).toBe(0);
    expect(sops.layers.find((l) => l.node === 'p1')?.sopsPerImage).toBeGreaterThan(0);
  });

  it('the maxpool_relu ONNX fixture converted with auto (a gated pool after a spiking layer): chunked = reference', async () => {
    const snn = await fashionFixtureSnn('maxpool_relu', 'auto', 100);
    expect(snn.nodes.filter((n) => n.op === 'SpikingMaxPool2d').length).toBe(1);
    const data = await mnistTestSubset(16, fashionOrMnist());
    const ref = referenceSums(snn, data.images, data.n, [28, 28, 1], 12);
    for (const chunk of [1, 5]) expect(maxDiff(engineSums(snn, data.images, data.n, 12, chunk), ref)).toBe(0);
  }, 300_000); // auto's bias correction steps the reference layer by layer: slow on a loaded machine
});
