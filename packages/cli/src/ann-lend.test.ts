// The ANN worker is lent to the simulation pool as it starts: a simulation on workers after it runs on
// that thread (no thread started), gives the in-thread result, and the thread still answers ANN requests.
import { initBackend } from '@snn/backend';
import { convert, spikingJellyRecipe } from '@snn/converter';
import { loadEmbeddedMnist } from '@snn/datasets';
import { evaluate } from '@snn/graph';
import { importOnnx } from '@snn/onnx';
import { idleThreadIds, simulate, stopIdleWorkers } from '@snn/simulator';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnnThread } from './ann-thread.js';
import { testSubset } from './data.js';
import { fixture } from '../test/helpers.js';

beforeAll(async () => {
  await initBackend('wasm');
  await stopIdleWorkers();
});
afterAll(stopIdleWorkers);

describe('AnnThread.start lends the thread to the simulation pool', () => {
  it('the pool lists it and simulates on it (in-thread results); ANN requests are still answered; closing it ends the pool copy', async () => {
    const ann = importOnnx(fixture('mnist_cnn_mnist.onnx'));
    const mnist = await loadEmbeddedMnist();
    const part = testSubset(mnist.test, 60).split;
    const thread = AnnThread.start('wasm') as AnnThread;
    const id = thread.threadId;
    expect(idleThreadIds()).toEqual([id]);
    const x = tf.tensor4d(mnist.train.images.slice(0, 100 * 784), [100, 28, 28, 1]);
    const { snn } = await convert(ann, () => [x], spikingJellyRecipe({ kind: 'max' }), {});
    x.dispose();
    const opts = { T: 12, batchSize: 20 };
    const here = await simulate(snn, part, { ...opts, workers: 1 });
    const beside = await simulate(snn, part, { ...opts, workers: 2, callingThread: true });
    expect(beside.path).toBe('chunked+workers');
    expect(beside.workers).toBe(2);
    expect(beside.correct).toEqual(here.correct);
    expect(idleThreadIds()).toEqual([id]); // the pool started none and kept it
    const m = await thread.ask({ type: 'accuracy', id: thread.graphId(ann), images: part.images, labels: part.labels, n: part.n, batchSize: 20 });
    expect(m.type === 'accuracy' && m.correct).toBe((await evaluate(ann, part, { batchSize: 20 })).correct);
    await thread.close();
    await new Promise((r) => setTimeout(r, 50));
    const after = await simulate(snn, part, { ...opts, workers: 2, callingThread: true }); // its copy failed: a new thread serves
    expect(after.correct).toEqual(here.correct);
    expect(idleThreadIds()).toHaveLength(1);
    expect(idleThreadIds()).not.toContain(id);
    ann.dispose();
    snn.dispose();
  });
});
