// The fast paths against the step-by-step reference: outputs within 1e-5 (in fact bit-identical),
// identical accuracies at every t and identical confusion matrices.
import { initBackend } from '@snn/backend';
import type { Graph } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  engineSums,
  fashionOrMnist,
  KERNELS,
  maxDiff,
  mnistTestSubset,
  referenceSums,
  residualData,
  residualSnn,
  resnetSnn,
  tutorialSnn,
  withDrives,
} from '../test/helpers.js';
import { poissonEncoder } from './encoders/poisson.js';
import { simulate } from './simulate.js';
import type { ArraySource } from './types.js';

beforeAll(async () => {
  await initBackend('wasm');
});

function expectSameAsReference(snn: Graph, data: ArraySource, T: number, chunks: number[]) {
  const x = data.images;
  const ref = referenceSums(snn, x, data.n, [...data.shape], T);
  for (const chunk of chunks) {
    for (const kernels of KERNELS) {
      const got = engineSums(snn, x, data.n, T, chunk, undefined, kernels);
      expect(maxDiff(got, ref), `chunk ${chunk}, ${kernels} kernels`).toBeLessThanOrEqual(1e-5);
      expect(maxDiff(got, ref), `chunk ${chunk}, ${kernels} kernels: bit-identical`).toBe(0);
    }
  }
}

async function expectSameResult(snn: Graph, data: ArraySource, T: number, extra: { chunk?: number; batchSize?: number } = {}) {
  const ref = await simulate(snn, data, { T, path: 'reference', batchSize: extra.batchSize });
  const fast = await simulate(snn, data, { T, workers: 1, ...extra });
  expect(ref.path).toBe('reference');
  expect(fast.path).toBe('chunked');
  expect(fast.correct).toEqual(ref.correct);
  expect(fast.accuracy).toEqual(ref.accuracy);
  expect(fast.confusion).toEqual(ref.confusion);
  expect(fast.n).toBe(ref.n);
  return fast;
}

describe('tutorial CNN (ONNX fixture), fast path = reference', () => {
  // auto calibrates layer by layer with bias correction: fewer images keep the test short.
  for (const [mode, calibration] of [
    ['99.9%', 300],
    ['auto', 100],
  ] as const) {
    it(`mode ${mode}: outputs at every t, accuracies and confusion`, async () => {
      const snn = await tutorialSnn(mode, calibration);
      const data = await mnistTestSubset(64);
      expectSameAsReference(snn, data, 24, [1, 5, 24]);
      const r = await expectSameResult(snn, data, 24, { batchSize: 32, chunk: 7 });
      expect(r.accuracy[23]).toBeGreaterThan(0.8);
    }, 180_000); // the reference steps tfjs ops one by one: slow on a loaded machine
  }
});

describe('drives (a current for the first N steps, stopping inside a chunk), fast path = reference', () => {
  it('tutorial CNN (99.9%) with a drive of ±0.3·θ on its spike-fed IF neurons for 5 steps', async () => {
    const plain = await tutorialSnn('99.9%', 300);
    const snn = withDrives(plain, 5);
    const data = await mnistTestSubset(32);
    expectSameAsReference(snn, data, 12, [1, 4, 12]);
    await expectSameResult(snn, data, 12, { batchSize: 16, chunk: 4 });
    // the drive changes the run up to step 5 only: the sums differ from the undriven network's
    const x = data.images;
    const driven = referenceSums(snn, x, data.n, [...data.shape], 12);
    const undriven = referenceSums(plain, x, data.n, [...data.shape], 12);
    expect(maxDiff(driven, undriven)).toBeGreaterThan(0.5);
  }, 180_000);

  it('keeps the tensor count flat over driven runs (chunked, chunks ending inside and after the drive, and the reference)', async () => {
    const snn = withDrives(await tutorialSnn('99.9%', 300), 5);
    const data = await mnistTestSubset(16);
    await simulate(snn, data, { T: 3, workers: 1 }); // warm up lazily created tensors
    const before = tf.memory().numTensors;
    await simulate(snn, data, { T: 9, chunk: 4, batchSize: 8, workers: 1 });
    await simulate(snn, data, { T: 7, chunk: 2, batchSize: 16, workers: 1 });
    await simulate(snn, data, { T: 6, batchSize: 8, path: 'reference' });
    expect(tf.memory().numTensors).toBe(before);
  }, 180_000);

  it('refuses, naming the node, a drive on a neuron whose input is constant in time (before any batch)', async () => {
    const plain = await tutorialSnn('99.9%', 300);
    const first = plain.nodes.find((n) => n.op === 'IF') as (typeof plain.nodes)[number];
    const C = first.shape[first.shape.length - 1];
    const snn = plain.with({ update: { [first.name]: { params: { ...first.params, drive: tf.fill([C], 0.1) }, attrs: { ...first.attrs, driveSteps: 3 } } } });
    const data = await mnistTestSubset(4);
    await expect(simulate(snn, data, { T: 4, workers: 1 })).rejects.toThrow(
      `node '${first.name}' (IF): a drive on a neuron whose input is constant in time is not supported by the chunked engines`,
    );
  });
});

describe('ResNet ONNX fixture (stem, identity and projection blocks, GAP), fast path = reference', () => {
  for (const [mode, calibration] of [
    ['99.9%', 300],
    ['auto', 100],
  ] as const) {
    it(`mode ${mode}`, async () => {
      const snn = await resnetSnn(mode, calibration);
      const data = await mnistTestSubset(48, fashionOrMnist());
      expectSameAsReference(snn, data, 16, [1, 5, 16]);
      await expectSameResult(snn, data, 16, { batchSize: 20, chunk: 6 });
    }, 180_000); // auto's bias correction and the step-by-step reference: slow on a loaded machine
  }
});

describe('residual SNN (Add, LIF, hard reset, per-channel θ, multi-level spikes), fast path = reference', () => {
  for (const accumulate of [false, true]) {
    it(`${accumulate ? 'accumulating' : 'spiking'} output layer`, async () => {
      const snn = residualSnn(accumulate);
      const data = residualData(40);
      expectSameAsReference(snn, data, 30, [1, 4, 30]);
      await expectSameResult(snn, data, 30, { batchSize: 16, chunk: 4 });
    });
  }

  it('gives the same outputs on the cpu backend', async () => {
    await initBackend('cpu');
    try {
      expect(tf.getBackend()).toBe('cpu');
      expectSameAsReference(residualSnn(), residualData(12), 12, [5]);
    } finally {
      await initBackend('wasm');
    }
  });

  it('Poisson input: the engine equals a step loop fed the same encoded spikes', () => {
    const snn = residualSnn();
    const data = residualData(10);
    const enc = poissonEncoder({ seed: 3 });
    const ref = referenceSums(snn, data.images, data.n, [6, 6, 2], 20, enc);
    for (const chunk of [1, 6]) expect(maxDiff(engineSums(snn, data.images, data.n, 20, chunk, enc), ref)).toBe(0);
  });
});
