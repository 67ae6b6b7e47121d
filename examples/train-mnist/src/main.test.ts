import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { loadEmbeddedMnist } from '@snn/datasets';
import { evaluate, readGraph, writeGraph } from '@snn/graph';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainTutorialCnn } from '@snn/cli';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('train-mnist example', () => {
  it('two epochs (default seed 5) reach > 90% on the 2,004 test images; the saved model scores the same', async () => {
    const data = await loadEmbeddedMnist();
    const tensorsBefore = tf.memory().numTensors;
    const { graph, testAccuracy, epochs } = await trainTutorialCnn(data, { epochs: 2 });
    expect(epochs).toHaveLength(2);
    expect(epochs[0].seconds).toBeGreaterThan(0);
    expect(testAccuracy).toBeGreaterThan(0.9);

    const dir = await mkdtemp(join(tmpdir(), 'train-mnist-'));
    try {
      await writeGraph(graph, dir);
      const loaded = await readGraph(dir);
      expect((await evaluate(loaded, data.test)).accuracy).toBe(testAccuracy);
      loaded.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    graph.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});
