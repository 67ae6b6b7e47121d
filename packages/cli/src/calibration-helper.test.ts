// The ANN worker as calibration helper: the tutorial CNN's thresholds with part of the pass observed on the
// worker thread are exactly those of the pass in this thread (EMA in pass order, histograms merged).
import { initBackend } from '@snn/backend';
import { convert, parseMode, type Recipe, sharedCalibration } from '@snn/converter';
import { loadEmbeddedMnist, stratifiedSubset } from '@snn/datasets';
import { importOnnx } from '@snn/onnx';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnnThread } from './ann-thread.js';
import { calibrationBatches } from './calibration.js';
import { threadHelper } from './calibration-helper.js';
import { fixture } from '../test/helpers.js';

beforeAll(async () => {
  await initBackend('wasm');
});

const noSearch = (mode: string): Recipe => ({ ...parseMode(mode), choices: undefined, biasCorrection: false });

describe('threadHelper', () => {
  it('gives the thresholds of one pass in this thread: SpikingJelly 99.9 % and max, auto exact, a 450-image cap', async () => {
    const ann = importOnnx(fixture('mnist_cnn_mnist.onnx'));
    const { train } = await loadEmbeddedMnist();
    const part = stratifiedSubset(train, 1000, 0).split;
    const recipes = [noSearch('99.9%'), noSearch('max'), noSearch('auto'), { ...noSearch('auto'), calibrationSamples: 450 }];
    const thread = AnnThread.shared();
    expect(thread).toBeDefined(); // built, and a machine with two cores
    const helper = threadHelper(thread as AnnThread);
    const here = sharedCalibration(recipes);
    const helped = Object.assign(sharedCalibration(recipes), { helper });
    const before = tf.memory().numTensors;
    const a = await convert(ann, calibrationBatches(part), recipes[0], { calibrationCache: here });
    const t1 = tf.memory().numTensors;
    const b = await convert(ann, calibrationBatches(part), recipes[0], { calibrationCache: helped });
    expect(tf.memory().numTensors - t1).toBe(t1 - before); // the SNN's own tensors only
    expect(helper.seconds).toBeGreaterThan(0); // the worker observed batches
    expect(b.report.layers).toEqual(a.report.layers);
    for (const r of recipes.slice(1)) {
      const [x, y] = [
        await convert(ann, calibrationBatches(part), r, { calibrationCache: here }),
        await convert(ann, calibrationBatches(part), r, { calibrationCache: helped }),
      ];
      expect(y.report.layers).toEqual(x.report.layers);
      expect(y.report.calibration.samples).toBe(x.report.calibration.samples);
    }
    ann.dispose();
  });

  it('starts no thread on a GPU backend (the graph goes over by synchronous reads that WebGPU in Node refuses)', () => {
    expect(AnnThread.start('webgpu')).toBeUndefined();
    expect(AnnThread.start('tensorflow')).toBeUndefined();
  });
});
