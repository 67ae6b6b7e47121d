// The ANN's test pass on the worker thread counts what the in-process pass counts (same evaluate, batches, backend).
import { initBackend } from '@snn/backend';
import { loadEmbeddedMnist } from '@snn/datasets';
import { importOnnx } from '@snn/onnx';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { annAccuracy, annAccuracyAside } from './ann-accuracy.js';
import { testSubset } from './data.js';
import { fixture } from '../test/helpers.js';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('annAccuracyAside', () => {
  it('gives the in-process count from a worker thread, and the tutorial CNN its 97.31 % on all 2,004 test images', async () => {
    const ann = importOnnx(fixture('mnist_cnn_mnist.onnx'));
    const { test } = await loadEmbeddedMnist();
    const part = testSubset(test, 300).split;
    const before = tf.memory().numTensors;
    const wait = annAccuracyAside(ann, part, 64); // a batch size that leaves a partial last batch
    const here = await annAccuracy(ann, part, 64);
    const aside = await wait();
    expect(aside.seconds).toBeGreaterThan(0); // it ran on the worker, not here
    expect(aside.accuracy).toBe(here);
    expect(Math.round(here * 300)).toBe(here * 300);
    expect(tf.memory().numTensors).toBe(before);
    const all = await annAccuracyAside(ann, test, 200)();
    expect(all.accuracy).toBeCloseTo(1950 / 2004, 12); // ANCHORS.md: 97.31 %
    ann.dispose();
  });
});
