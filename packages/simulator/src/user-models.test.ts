// ONNX models as users export them (input normalisation in forward, ceil-mode pools, mean([2, 3]),
// softmax at the end; a Conv1d model on [N, C, L]) through converter and simulator: the fast path
// equals the reference bit for bit, per-channel thresholds included.
import { initBackend } from '@snn/backend';
import { convert, parseMode } from '@snn/converter';
import { importOnnx } from '@snn/onnx';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { engineSums, KERNELS, maxDiff, referenceSums, rng } from '../test/helpers.js';
import { simulate } from './simulate.js';
import type { ArraySource } from './types.js';

const FIXTURES = new URL('../../onnx/test/fixtures/', import.meta.url).pathname;

beforeAll(async () => {
  await initBackend('wasm');
});

/** `n` seeded uniform [0, 1) samples in the graph's layout, labels 0..k−1. */
function data(shape: number[], n: number, k: number, seed: number): ArraySource {
  const r = rng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return { images: Float32Array.from({ length: n * size }, () => r()), labels: Uint8Array.from({ length: n }, () => Math.floor(r(0, k))), n, shape };
}

describe.each([
  ['byo_norm_cnn', [7, 7, 3], 5],
  ['byo_conv1d', [1, 50, 2], 3],
])('%s', (name, shape, classes) => {
  it('converts (softmax dropped, per-channel θ) and the fast path equals the reference', async () => {
    const ann = importOnnx(`${FIXTURES}/${name}.onnx`);
    expect(ann.inputs[0].shape).toEqual(shape);
    const calib = data(shape, 64, classes, 1);
    const x = tf.tensor(calib.images, [calib.n, ...shape]);
    const recipe = { ...parseMode('99.9%'), channelWise: true };
    const { snn, report } = await convert(ann, [x], recipe);
    x.dispose();
    expect(report.droppedSoftmax).toHaveLength(1);
    expect(report.layers.length).toBeGreaterThan(1);
    expect(report.layers.every((l) => typeof l.threshold === 'object')).toBe(true);
    const test = data(shape, 24, classes, 2);
    const ref = referenceSums(snn, test.images, test.n, shape, 12);
    for (const kernels of KERNELS) expect(maxDiff(engineSums(snn, test.images, test.n, 12, 5, undefined, kernels), ref), kernels).toBe(0);
    const slow = await simulate(snn, test, { T: 12, path: 'reference' });
    const fast = await simulate(snn, test, { T: 12, workers: 1 });
    expect(fast.path).toBe('chunked');
    expect(fast.correct).toEqual(slow.correct);
    snn.dispose();
  });
});
