import { initBackend } from '@snn/backend';
import { GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { residualData, residualSnn } from '../test/helpers.js';
import { firingRates, membraneTraces, synapticOps } from './monitors/index.js';
import { simulate } from './simulate.js';
import type { SimProgress } from './types.js';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('simulate', () => {
  it('takes tensor batches as well as plain arrays, with the same result', async () => {
    const snn = residualSnn();
    const data = residualData(20);
    const fromArrays = await simulate(snn, data, { T: 10, batchSize: 8, workers: 1 });
    const tensors = function* () {
      for (let i = 0; i < 20; i += 8) {
        const m = Math.min(8, 20 - i);
        const x = tf.tensor(data.images.subarray(i * 72, (i + m) * 72), [m, 6, 6, 2]);
        yield { x, y: Array.from({ length: m }, (_, k) => Number(data.labels[i + k])) };
        x.dispose();
      }
    };
    const fromTensors = await simulate(snn, tensors(), { T: 10, workers: 1 });
    expect(fromTensors.correct).toEqual(fromArrays.correct);
    expect(fromTensors.confusion).toEqual(fromArrays.confusion);
  });

  it('keeps the tensor count flat (chunks, batches, monitors, Poisson)', async () => {
    const snn = residualSnn();
    const data = residualData(30);
    await simulate(snn, data, { T: 3, workers: 1 }); // warm up lazily created tensors
    const before = tf.memory().numTensors;
    const monitors = [firingRates(), synapticOps(), membraneTraces({ node: 'lif', neurons: [0, 5], samples: [3] })];
    await simulate(snn, data, { T: 17, chunk: 5, batchSize: 7, workers: 1, monitors });
    await simulate(snn, data, { T: 9, chunk: 2, batchSize: 11, workers: 1, encoder: { kind: 'poisson', seed: 2 } });
    expect(tf.memory().numTensors).toBe(before);
  });

  it("readout 'spikes' scores by the output neurons' spike counts", async () => {
    // Output IF with θ = (1, 3): neuron 1 reads 2.5 per step and fires 5 spikes over 6 steps (sum 15),
    // neuron 0 reads 1 and fires 6 (sum 6): the summed output picks class 1, the spike count class 0.
    const b = new GraphBuilder();
    b.input('x', [2]);
    b.add({
      name: 'n',
      op: 'IF',
      inputs: ['x'],
      attrs: { neuron: { vThreshold: 1, vReset: null }, amplitude: 'threshold' },
      params: { vThreshold: tf.tensor1d([1, 3]) },
    });
    const g = b.output('n').build();
    const data = { images: Float32Array.from([1, 2.5]), labels: [0], n: 1, shape: [2] };
    expect((await simulate(g, data, { T: 6 })).correct.at(-1)).toBe(0);
    expect((await simulate(g, data, { T: 6, readout: 'spikes' })).correct.at(-1)).toBe(1);
    await expect(simulate(residualSnn(true), residualData(2), { T: 2, readout: 'spikes' })).rejects.toThrow(/needs a spiking output node; 'fc' is not one/);
    await expect(simulate(g, data, { T: 2, readout: 'spikes', path: 'reference' })).rejects.toThrow(/needs the chunked engine/);
  });

  it('reports progress per batch with the total', async () => {
    const events: SimProgress[] = [];
    await simulate(residualSnn(), residualData(25), { T: 4, batchSize: 10, workers: 1, onProgress: (p) => events.push(p) });
    expect(events.map((e) => [e.batch, e.samples, e.total])).toEqual([
      [1, 10, 25],
      [2, 20, 25],
      [3, 25, 25],
    ]);
  });

  it('refuses bad options and data', async () => {
    const snn = residualSnn();
    await expect(simulate(snn, residualData(2), { T: 0 })).rejects.toThrow(/T must be a positive integer, got 0/);
    await expect(simulate(snn, residualData(2), { T: 2, batchSize: 0 })).rejects.toThrow(/batchSize/);
    await expect(simulate(snn, residualData(2), { T: 2, workers: 0 })).rejects.toThrow(/workers/);
    await expect(simulate(snn, residualData(2), { T: 2, chunk: 0, workers: 1 })).rejects.toThrow(/chunk must be a positive integer/);
    await expect(simulate(snn, { ...residualData(2), shape: [6, 2, 6] }, { T: 2 })).rejects.toThrow(
      /samples are \[6, 2, 6\] but graph input 'x' is \[6, 6, 2\]/,
    );
    await expect(simulate(snn, { ...residualData(2), n: 3 }, { T: 2 })).rejects.toThrow(/need 216 values, images has 144/);
    await expect(simulate(snn, [], { T: 2 })).rejects.toThrow(/no batch/);
  });
});
