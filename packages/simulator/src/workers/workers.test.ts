import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { mnistTestSubset, residualData, residualSnn, rng, tutorialSnn } from '../../test/helpers.js';
import { firingRates, membraneTraces, outputRecord, synapticOps } from '../monitors/index.js';
import { replayEncoder } from '../encoders/replay.js';
import { simulate, worthParallel } from '../node.js';
import { GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { plainBatches } from '../data.js';
import { constantEncoder } from '../encoders/constant.js';
import { kernelProfile } from '../engine/chunk-profile.js';
import { runInWorkers, workerExecArgv, workerScript } from './pool.js';

// Worker threads run the built package (dist/worker.js): turbo builds before testing.
const built = existsSync(new URL('../../dist/worker.js', import.meta.url));

beforeAll(async () => {
  await initBackend('wasm');
});

describe.skipIf(!built)('worker threads', () => {
  it('finds the worker script, and starts it without source conditions', () => {
    expect(workerScript()).toMatch(/dist\/worker\.js$/);
    expect(workerExecArgv(['--conditions', 'snn-source', '--enable-source-maps', '--conditions=x', '-C', 'y'])).toEqual(['--enable-source-maps']);
  });

  it('give the in-thread result (tutorial CNN 99.9%), monitors merged across threads', async () => {
    const snn = await tutorialSnn('99.9%', 300);
    const data = await mnistTestSubset(96);
    const monitors = [firingRates(), synapticOps(), membraneTraces({ node: snn.nodes[1].name, neurons: [100, 2000], samples: [0, 50, 95] })];
    const one = await simulate(snn, data, { T: 16, workers: 1, batchSize: 24, monitors });
    const events: number[] = [];
    const two = await simulate(snn, data, { T: 16, workers: 2, batchSize: 24, monitors, onProgress: (p) => events.push(p.samples) });
    expect(two.path).toBe('chunked+workers');
    expect(two.workers).toBe(2);
    expect(two.correct).toEqual(one.correct);
    expect(two.confusion).toEqual(one.confusion);
    expect(two.monitors).toEqual(one.monitors);
    expect(events.at(-1)).toBe(96);
    expect(events).toEqual([...events].sort((a, b) => a - b));
  });

  it('with the calling thread as one of them: the in-thread result, monitors merged, one worker thread fewer, no tensor left', async () => {
    const snn = await tutorialSnn('99.9%', 300);
    const data = await mnistTestSubset(96);
    const monitors = [firingRates(), synapticOps()];
    const one = await simulate(snn, data, { T: 16, workers: 1, batchSize: 24, monitors });
    const before = tf.memory().numTensors;
    const events: number[] = [];
    // this thread's kernel profile records what runs here: the calling thread's share, and nothing without it
    kernelProfile(true);
    await simulate(snn, data, { T: 16, workers: 2, batchSize: 24, monitors });
    expect(kernelProfile()).toEqual([]);
    const [two, three] = [
      await simulate(snn, data, { T: 16, workers: 2, batchSize: 24, monitors, callingThread: true, onProgress: (p) => events.push(p.samples) }),
      await simulate(snn, data, { T: 16, workers: 3, batchSize: 24, monitors, callingThread: true, chunk: 5 }),
    ];
    expect(kernelProfile(false).some((k) => k.kernel === 'sparse-conv' && k.calls > 0)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    for (const r of [two, three]) {
      expect(r.path).toBe('chunked+workers');
      expect(r.correct).toEqual(one.correct);
      expect(r.confusion).toEqual(one.confusion);
      expect(r.monitors).toEqual(one.monitors);
    }
    expect([two.workers, three.workers]).toEqual([2, 3]);
    expect(events.at(-1)).toBe(96);
  });

  it('Poisson input is the same on every path (counter-based seeds)', async () => {
    const snn = residualSnn();
    const data = residualData(60);
    const opts = { T: 12, batchSize: 8, encoder: { kind: 'poisson', seed: 5 } };
    const one = await simulate(snn, data, { ...opts, workers: 1 });
    const three = await simulate(snn, data, { ...opts, workers: 3, chunk: 5 });
    expect(three.workers).toBe(3);
    expect(three.correct).toEqual(one.correct);
  });

  it('replay a recording shared with every thread, and write a record into shared memory: the in-thread results', async () => {
    const [n, T] = [60, 12];
    const r = rng(3);
    const values = new Float32Array(new SharedArrayBuffer(n * T * 72 * 4));
    for (let i = 0; i < values.length; i++) values[i] = r();
    const run = async (workers: number) => {
      const record = new Float32Array(new SharedArrayBuffer(n * T * 2 * 4));
      const s = await simulate(residualSnn(true), residualData(n), {
        T,
        workers,
        batchSize: 8,
        encoder: replayEncoder({ values, T, size: 72 }),
        monitors: [outputRecord({ record, size: 2, at: [5, 12] })],
      });
      return { s, record };
    };
    const one = await run(1);
    const three = await run(3);
    expect(three.s.path).toBe('chunked+workers');
    expect(three.s.workers).toBe(3);
    expect(three.s.correct).toEqual(one.s.correct);
    expect(Array.from(three.record)).toEqual(Array.from(one.record));
    expect(one.record.some((v) => v !== 0)).toBe(true);
    // the means are summed per thread, then merged: equal up to float64 rounding
    const round = (m: unknown) => (m as number[]).map((v) => Number(v.toPrecision(12)));
    expect(round(three.s.monitors?.outputRecord)).toEqual(round(one.s.monitors?.outputRecord));
  });

  it('reports a worker that fails, and stops the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-worker-'));
    const script = join(dir, 'boom.mjs');
    writeFileSync(script, "throw new Error('boom at load');\n");
    const snn = residualSnn();
    const job = {
      graph: snn,
      T: 2,
      encoder: { kind: 'constant' },
      monitors: [],
      engine: {},
      backend: 'wasm',
      workers: 2,
      batches: plainBatches(residualData(8), 4),
      onBatch: () => {},
    };
    await expect(runInWorkers(job, script)).rejects.toThrow(/boom at load/);
  });

  it("workers: 'auto' counts the network's MACs: few image·steps of a wide net run on the workers, of a small one here", async () => {
    // 20,000 image·steps, or 2.8·10¹⁰ dense MACs (20,000 image·steps of the tutorial CNN's 1.39 M)
    expect(worthParallel(19_999)).toBe(false);
    expect(worthParallel(20_000)).toBe(true);
    expect(worthParallel(9_600, 18.32e6)).toBe(true); // the wide VGG on 300 images × 32 steps
    expect(worthParallel(9_600, 1.39e6)).toBe(false);
    const small = await simulate(residualSnn(), residualData(30), { T: 4, batchSize: 10 });
    expect(small.workers).toBe(1);
    // 28×28×64 → 64, 3×3: 28.9 M MAC per image·step; 4 images × 250 steps = 2.9·10¹⁰
    const r = rng(3);
    const t = (shape: number[], a: number) =>
      tf.tensor(
        Float32Array.from({ length: shape.reduce((x, y) => x * y, 1) }, () => r(-a, a)),
        shape,
      );
    const b = new GraphBuilder();
    b.input('x', [28, 28, 64]);
    b.add({ name: 'if1', op: 'IF', inputs: ['x'], attrs: { neuron: { vThreshold: 1, vReset: null }, amplitude: 'threshold' } });
    b.add({ name: 'c', op: 'Conv2d', inputs: ['if1'], attrs: { pads: [1, 1, 1, 1] }, params: { weight: t([3, 3, 64, 64], 0.05) } });
    b.add({ name: 'if2', op: 'IF', inputs: ['c'], attrs: { neuron: { vThreshold: 1, vReset: null }, amplitude: 'threshold' } });
    b.add({ name: 'gap', op: 'GlobalAvgPool', inputs: ['if2'] });
    b.add({ name: 'flat', op: 'Flatten', inputs: ['gap'] });
    b.add({ name: 'fc', op: 'Linear', inputs: ['flat'], params: { weight: t([64, 10], 1) } });
    const wide = b.output('fc').build();
    const data = { images: Float32Array.from({ length: 4 * 28 * 28 * 64 }, () => r(0, 0.5)), labels: [0, 1, 2, 3], n: 4, shape: [28, 28, 64] };
    const big = await simulate(wide, data, { T: 250, batchSize: 2 });
    expect(big.workers).toBe(Math.min(2, availableParallelism()));
  }, 120_000);

  it('stays in the calling thread when workers could not rebuild the run (a custom encoder)', async () => {
    const enc = { spec: { kind: 'mine' }, constant: true, encode: constantEncoder().encode };
    const r = await simulate(residualSnn(), residualData(30), { T: 4, workers: 2, batchSize: 10, encoder: enc });
    expect(r.workers).toBe(1);
    expect(r.path).toBe('chunked');
  });
});
