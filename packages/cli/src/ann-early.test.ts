// The ANN worker thread bin.ts starts at the process's start: only for `snn eval <model.onnx>` on wasm,
// handed to AnnThread with its init's reply, which then answers requests in order on that thread.
import { initBackend } from '@snn/backend';
import { loadEmbeddedMnist } from '@snn/datasets';
import { evaluate } from '@snn/graph';
import { importOnnx } from '@snn/onnx';
import { beforeAll, describe, expect, it } from 'vitest';
import { startAnnWorkerEarly, takeEarlyAnnWorker } from './ann-early.js';
import { AnnThread } from './ann-thread.js';
import { testSubset } from './data.js';
import { fixture } from '../test/helpers.js';

beforeAll(async () => {
  await initBackend('wasm');
});

const model = () => fixture('mnist_cnn_mnist.onnx');

describe('startAnnWorkerEarly', () => {
  it('starts nothing for other commands, a model that is not ONNX or not there, another backend, one core', () => {
    for (const [argv, cores] of [
      [['convert', model(), '--data', 'mnist'], 2],
      [['eval', 'saved-snn-folder', '--data', 'mnist'], 2],
      [['eval', 'missing.onnx', '--data', 'mnist'], 2],
      [['eval', model(), '--backend', 'cpu'], 2],
      [['eval', model(), '--backend=webgpu'], 2],
      [['eval', model(), '--help'], 2],
      [['eval', model()], 1],
    ] as const) {
      startAnnWorkerEarly(argv, cores);
      expect(takeEarlyAnnWorker('wasm')).toBeUndefined();
    }
  });

  it('ends a thread started for wasm when the process runs another backend', async () => {
    startAnnWorkerEarly(['eval', model(), '--data', 'mnist'], 2);
    expect(takeEarlyAnnWorker('cpu')).toBeUndefined();
    expect(takeEarlyAnnWorker('wasm')).toBeUndefined(); // taken once
  });

  it('AnnThread takes the early thread and its init reply: the next reply is the accuracy asked for, counted as here', async () => {
    const ann = importOnnx(model());
    const part = testSubset((await loadEmbeddedMnist()).test, 200).split;
    startAnnWorkerEarly(['eval', model(), '--data', 'mnist', '--T', '64'], 2);
    await new Promise((r) => setTimeout(r, 300)); // its init reply may come before AnnThread exists
    const thread = AnnThread.start('wasm') as AnnThread;
    expect(takeEarlyAnnWorker('wasm')).toBeUndefined(); // AnnThread took it
    const m = await thread.ask({ type: 'accuracy', id: thread.graphId(ann), images: part.images, labels: part.labels, n: part.n, batchSize: 64 });
    expect(m.type).toBe('accuracy');
    expect(m.type === 'accuracy' && m.correct).toBe((await evaluate(ann, part, { batchSize: 64 })).correct);
    await thread.close();
    ann.dispose();
  });
});
