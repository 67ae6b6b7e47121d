// The page's pipeline in Node (wasm): the stepper agrees with @snn/simulator's reference, and the
// bundled sets are what the assets script says.
import { join } from 'node:path';
import { initBackend } from '@snn/backend';
import { simulateReference } from '@snn/simulator';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { argmax, disposeGraphs, type ImageSet, type Prepared, pick, prepareModel, runSnn, SnnRun } from '../src/pipeline.js';
import { readSet } from './node-reference.js';
import { readFileSync } from 'node:fs';

// dist/gen: what the build copied from public/gen (turbo restores dist/ from its cache, not public/)
const GEN = join(import.meta.dirname, '..', 'dist', 'gen');
let calib: ImageSet;
let test: ImageSet;
let p: Prepared;

beforeAll(async () => {
  await initBackend('wasm');
  calib = readSet(GEN, 'calib.snnm');
  test = readSet(GEN, 'test.snnm');
  p = await prepareModel(new Uint8Array(readFileSync(join(GEN, 'model.onnx'))), calib, '99.9%');
});

describe('the bundled data', () => {
  it('calibrates on 200 training images (20 per digit, seeded draw) and offers 100 test images (10 per digit)', () => {
    expect([calib.n, test.n]).toEqual([200, 100]);
    expect(Array.from(calib.labels.subarray(0, 21))).toEqual([...Array(20).fill(0), 1]);
    expect(Array.from(test.labels.subarray(95, 100))).toEqual([9, 9, 9, 9, 9]);
    expect(calib.shape).toEqual([28, 28, 1]);
  });
});

describe('the page pipeline', () => {
  it('converts the tutorial CNN: four IF layers watched, θ from calibration', () => {
    expect(p.spiking.map((s) => s.op)).toEqual(['IF', 'IF', 'IF', 'IF']);
    expect(p.spiking[0].shape).toEqual([26, 26, 32]);
    expect(p.report.calibration.samples).toBe(200);
  });

  it("predicts at every t exactly what @snn/simulator's reference does", async () => {
    const n = 40;
    const idx = Array.from({ length: n }, (_, i) => (i * 5) % test.n);
    const x = pick(test, idx);
    const T = 12;
    const outputs = await runSnn(p.snn, x, n, T);
    const sums = Array.from({ length: n }, () => new Array(10).fill(0));
    const correct = outputs.map((step) =>
      step.reduce((c, row, i) => {
        row.forEach((v, k) => {
          sums[i][k] += v;
        });
        return c + (argmax(sums[i]) === test.labels[idx[i]] ? 1 : 0);
      }, 0),
    );
    const xt = tf.tensor4d(x, [n, 28, 28, 1]);
    const sim = await simulateReference(p.snn, [{ x: xt, y: idx.map((i) => test.labels[i]) }], { T });
    xt.dispose();
    expect(correct).toEqual(sim.correct);
    expect(sim.accuracy[T - 1]).toBeGreaterThan(0.7); // 0.80 with the seeded calibration draw (99.9% climbs slowly at T = 12)
  });

  it('steps one image with taps on every IF layer, frees what it made, and the spikes are 0 or θ', async () => {
    const before = tf.memory().numTensors;
    const run = new SnnRun(
      p.snn,
      pick(test, [73]),
      1,
      p.spiking.map((s) => s.name),
    );
    let fired = 0;
    for (let t = 1; t <= 8; t++) {
      const r = await run.step();
      expect(r.t).toBe(t);
      for (const s of p.spiking) {
        const values = new Set(r.spikes[s.name]);
        expect(values.size).toBeLessThanOrEqual(2);
        fired += r.spikes[s.name].filter((v) => v !== 0).length;
      }
    }
    run.dispose();
    expect(fired).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('disposeGraphs frees a conversion entirely', async () => {
    const before = tf.memory().numTensors;
    const q = await prepareModel(new Uint8Array(readFileSync(join(GEN, 'model.onnx'))), calib, 'max');
    disposeGraphs(q.ann, q.snn);
    expect(tf.memory().numTensors).toBe(before);
  });
});
