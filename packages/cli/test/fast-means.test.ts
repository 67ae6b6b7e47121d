// Bias correction's SNN means through the fast engine equal the step-by-step reference's (tutorial CNN, real MNIST images).
import { initBackend } from '@snn/backend';
import { autoRecipe, convert, referenceOutputMeans } from '@snn/converter';
import { loadEmbeddedMnist, stratifiedSubset } from '@snn/datasets';
import { importOnnx } from '@snn/onnx';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fastOutputMeans } from '../src/validation.js';
import { fixture } from './helpers.js';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('fastOutputMeans', () => {
  it('gives the reference means of an inner probe and of the output, over T and up to several t, within float32 rounding', async () => {
    const data = await loadEmbeddedMnist();
    const cal = stratifiedSubset(data.train, 100, 3).split;
    const x = tf.tensor(cal.images, [cal.n, ...cal.shape]);
    const ann = importOnnx(fixture('mnist_cnn_mnist.onnx'));
    const { snn } = await convert(ann, () => [x], { ...autoRecipe(8), choices: undefined, biasCorrection: false });
    const images = { images: cal.images.subarray(0, 20 * 784), n: 20, shape: cal.shape };
    const probe = snn.nodes.filter((n) => n.op === 'Conv2d').at(-1)?.name as string;
    for (const g of [snn.with({ outputs: [probe] }), snn]) {
      for (const at of [undefined, [3, 8]]) {
        // at [3, 8]: the cumulative means up to step 3 and up to step 8 of one run (potential calibration's two horizons)
        const fast = Array.from(await fastOutputMeans(g, images, 8, at));
        const ref = Array.from(await referenceOutputMeans(g, images, 8, at));
        expect(fast).toHaveLength(ref.length);
        const worst = Math.max(...fast.map((v, i) => Math.abs(v - ref[i])));
        expect(worst).toBeLessThan(1e-4);
      }
    }
    x.dispose();
  }, 300_000);
});
