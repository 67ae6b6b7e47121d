// Staged bias correction through the fast engine (replayed recordings, recorded sums) gives the whole-graph
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
    const inThread = stagedMeansOn(async () => ({ workers: 1 }));
    const staged: StagedMeansFn = (g, d, T, at, o) => {
      runs.push(`${o.from ? `from ${o.from.node}` : 'images'}${o.record ? ` record ${o.record}` : ''}${o.tap ? ` tap ${o.tap}` : ''}`);
      return inThread(g, d, T, at, o);
    };
    const a = await convert(ann, () => [x], recipe, { outputMeans: whole });
    const b = await convert(ann, () => [x], recipe, { outputMeans: whole, stagedMeans: staged });
    expect(b.report.biasCorrections).toEqual(a.report.biasCorrections);
    expect(a.report.biasCorrections).toHaveLength(3);
    for (const n of a.snn.nodes)
      for (const [k, t] of Object.entries(n.params))
        expect(Array.from(b.snn.node(n.name).params[k].dataSync()), `${n.name}/${k}`).toEqual(Array.from(t.dataSync()));
    // each stage records its conv's sums before the bias (11×11×32, then 3×3×32) through the engine's values hook; the next
    // replays them as that conv's output with its corrected bias and runs only what follows: conv1, IF1, pool1 and the first corrected conv are simulated once
    expect(runs).toEqual([
      'images tap /network/network.4/Conv/sums',
      'from /network/network.4/Conv tap /network/network.8/Conv/sums',
      'from /network/network.8/Conv',
    ]);
    x.dispose();
  }, 120_000);
});
