// Staged bias correction through the fast engine (replayed recordings, recorded outputs) gives the whole-graph
// stages' corrections bit for bit (tutorial CNN, real MNIST images; this thread, so that both sum in one order).
import { initBackend } from '@snn/backend';
import { autoRecipe, convert, type OutputMeansFn, type StagedMeansFn } from '@snn/converter';
import { loadEmbeddedMnist, stratifiedSubset } from '@snn/datasets';
import { importOnnx } from '@snn/onnx';
import { outputMeans, simulate } from '@snn/simulator';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { stagedMeansOn } from '../src/staged-means.js';
import { fixture } from './helpers.js';

beforeAll(async () => {
  await initBackend('wasm');
});

const whole: OutputMeansFn = async (snn, data, T, at) =>
  (await simulate(snn, { ...data, labels: new Uint8Array(data.n) }, { T, workers: 1, monitors: [outputMeans({ at })] })).monitors?.outputMeans as number[];

describe('stagedMeansOn', () => {
  it('gives the corrections of whole-graph stages bit for bit, the last stage replaying what the second recorded', async () => {
    const data = await loadEmbeddedMnist();
    const cal = stratifiedSubset(data.train, 60, 5).split;
    const x = tf.tensor(cal.images, [cal.n, ...cal.shape]);
    const ann = importOnnx(fixture('mnist_cnn_mnist.onnx'));
    const recipe = { ...autoRecipe(4), choices: undefined };
    const runs: string[] = [];
    const inThread = stagedMeansOn(() => 1);
    const staged: StagedMeansFn = (g, d, T, at, o) => {
      runs.push(`${o.from ? `from ${o.from.node}` : 'images'}${o.record ? ` record ${o.record}` : ''}`);
      return inThread(g, d, T, at, o);
    };
    const a = await convert(ann, () => [x], recipe, { outputMeans: whole });
    const b = await convert(ann, () => [x], recipe, { outputMeans: whole, stagedMeans: staged });
    expect(b.report.biasCorrections).toEqual(a.report.biasCorrections);
    expect(a.report.biasCorrections).toHaveLength(3);
    for (const n of a.snn.nodes)
      for (const [k, t] of Object.entries(n.params))
        expect(Array.from(b.snn.node(n.name).params[k].dataSync()), `${n.name}/${k}`).toEqual(Array.from(t.dataSync()));
    // conv8's stage records the 5×5×32 pool it reads; the Gemm's stage simulates only conv8 onwards
    expect(runs).toEqual(['images', 'images record 800', 'from /network/network.7/AveragePool']);
    x.dispose();
  }, 120_000);
});
