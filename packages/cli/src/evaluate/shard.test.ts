// Shards of the real tutorial CNN, converted on embedded MNIST, add up to the whole run exactly.
import { convert, parseMode } from '@snn/converter';
import { loadDataset } from '@snn/datasets';
import { importOnnx } from '@snn/onnx';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../test/helpers.js';
import { calibrationBatches } from '../pipeline.js';
import { mergeOutcomes } from './outcome.js';
import { evaluateShard } from './shard.js';

describe('evaluateShard', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });

  it('two shards of 100 test images merge into the outcome of the 200 scored at once', async () => {
    const data = await loadDataset('mnist');
    const ann = await importOnnx(fixture('mnist_cnn_mnist.onnx'));
    const { snn } = await convert(ann, calibrationBatches(data.train, 200), parseMode('99.9%'));
    // every 10th test image: all ten digits (the split is digit-major)
    const idx = Array.from({ length: 200 }, (_, i) => i * 10);
    const opts = { T: 8, batchSize: 50, threads: 1 };
    const whole = await evaluateShard(snn, data.test, idx, opts);
    const parts = [await evaluateShard(snn, data.test, idx.slice(0, 100), opts), await evaluateShard(snn, data.test, idx.slice(100), opts)];
    const merged = mergeOutcomes(parts);
    expect(merged).toEqual({ n: 200, correct: whole.correct, confusion: whole.confusion });
    // 99.9% at T=8 is 60.9% on the whole test split (ANCHORS.md); on these 200: 125
    expect(whole.correct[7]).toBe(125);
    expect(whole.correct[0]).toBeLessThan(whole.correct[7]);
    expect(whole.confusion.flat().reduce((a, b) => a + b, 0)).toBe(200);
    await expect(evaluateShard(snn, data.test, [], opts)).rejects.toThrow(/no sample/);
  }, 120_000);
});
