import { initBackend } from '@snn/backend';
import { type Graph, GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { residualData, residualSnn } from '../test/helpers.js';
import { addReadoutStep, SummedReadout } from './engine/readout.js';
import { predictions } from './monitors/index.js';
import { simulate } from './node.js';

beforeAll(async () => {
  await initBackend('wasm');
});

/**
 * Two output IF neurons, θ = 1, reset by subtraction, amplitude θ. Neuron 0: V₀ = 0.75, input 0.25 per
 * step → spikes at t = 1, 5, 9 (V: 1.0 → 0, then +0.25 a step). Neuron 1: V₀ = 0, input 0.375 → V 0.375,
 * 0.75, 1.125 (spike, 0.125), 0.5, 0.875, 1.25 (spike, 0.25), 0.625, 1.0 (spike, 0), 0.375, 0.75 → spikes at
 * t = 3, 6, 8. All values dyadic: exact in float32.
 */
function twoNeurons(delay: number): Graph {
  const b = new GraphBuilder();
  b.input('x', [2]);
  b.add({
    name: 'out',
    op: 'IF',
    inputs: ['x'],
    attrs: { neuron: { vThreshold: 1, vReset: null }, amplitude: 'threshold' },
    params: { vThreshold: tf.tensor1d([1, 1]), v0: tf.tensor1d([0.75, 0]) },
  });
  return b.output('out').build().with({ readout: { delay } });
}
const data = { images: Float32Array.from([0.25, 0.375]), labels: [1], n: 1, shape: [2] };

describe('delayed readout (graph.readout.delay = k)', () => {
  it('addReadoutStep: the plain sum up to k, a sum restarted at step k + 1 after', () => {
    const sum = new Float32Array(2);
    const steps = [
      [1, 0],
      [0, 2],
      [3, 0],
      [0, 5],
    ];
    const seen = steps.map((o, i) => {
      addReadoutStep(sum, o, 0, i + 1, 2);
      return [...sum];
    });
    expect(seen).toEqual([
      [1, 0],
      [1, 2],
      [3, 0], // t = 3 = k + 1: restarted
      [3, 5],
    ]);
  });

  it('SummedReadout with k = 1 scores argmax Σ_{1 < τ ≤ t} (first index on ties); the plain one Σ_{τ ≤ t}', () => {
    // Hand-derived from twoNeurons' spikes: sums of (neuron 0, neuron 1), label 1.
    // plain:   t=1..7 (1,0) (1,0) (1,1) (1,1) (2,1) (2,2) (2,2) → class 0 (ties go to 0); t=8 (2,3) → 1; t=9 (3,3), t=10 (3,3) → 0
    // delayed: t=1 plain (1,0) → 0; t=2 (0,0) → 0; t=3,4 (0,1) → 1; t=5 (1,1) → 0; t=6..8 → 1; t=9,10 (2,3) → 1
    const spikes0 = [1, 0, 0, 0, 1, 0, 0, 0, 1, 0];
    const spikes1 = [0, 0, 1, 0, 0, 1, 0, 1, 0, 0];
    const out = spikes0.flatMap((s, t) => [s, spikes1[t]]);
    const plain = new SummedReadout(10, 1, 2, [1]);
    plain.add(out, 10, 1);
    expect([...plain.correct]).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
    const delayed = new SummedReadout(10, 1, 2, [1], 1);
    delayed.add(out.slice(0, 6), 3, 1); // chunks that straddle the restart
    delayed.add(out.slice(6), 7, 4);
    expect([...delayed.correct]).toEqual([0, 0, 1, 1, 0, 1, 1, 1, 1, 1]);
  });

  it('simulate honours the graph delay on every path (chunked, workers, reference), at every chunk size', async () => {
    for (const path of ['chunked', 'reference'] as const) {
      expect((await simulate(twoNeurons(0), data, { T: 10, path })).correct).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
      expect((await simulate(twoNeurons(1), data, { T: 10, path, chunk: 4 })).correct).toEqual([0, 0, 1, 1, 0, 1, 1, 1, 1, 1]);
    }
    // k = 3: t ≤ 3 plain (1,0) (1,0) (1,1) → 0; from t = 4 Σ_{τ ≥ 4}: (0,0) (1,0) (1,1) (1,1) (1,2) (2,2) (2,2) → 0,0,0,0,1,0,0
    expect((await simulate(twoNeurons(3), data, { T: 10, chunk: 3 })).correct).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
    // k = 5: t ≤ 5 plain → 0; from t = 6 Σ_{τ ≥ 6}: (0,1) (0,1) (0,2) (1,2) (1,2) → 1 at every t
    expect((await simulate(twoNeurons(5), data, { T: 10, chunk: 2 })).correct).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  });

  it('a delayed residual SNN: the chunked engine (1 thread and worker threads) agrees with the reference at every t', async () => {
    const snn = residualSnn().with({ readout: { delay: 2 } });
    const d = residualData(24);
    const ref = await simulate(snn, d, { T: 9, path: 'reference' });
    const one = await simulate(snn, d, { T: 9, chunk: 4, workers: 1 });
    const two = await simulate(snn, d, { T: 9, chunk: 5, workers: 2, batchSize: 12 });
    expect(one.correct).toEqual(ref.correct);
    expect(two.correct).toEqual(ref.correct);
    expect(one.confusion).toEqual(ref.confusion);
    const plain = await simulate(residualSnn(), d, { T: 9, workers: 1 });
    expect(two.path).toBe('chunked+workers');
    expect(one.correct.slice(0, 2)).toEqual(plain.correct.slice(0, 2)); // t ≤ k: the plain readout
    expect(one.correct).not.toEqual(plain.correct);
  });
});

describe('delayed readout on the device engine (WebGPU in Node, where it starts)', () => {
  it('restarts the device sums at step k + 1 (a chunk starts there, without a carry): the same curve as the CPU engine', async () => {
    const cpu = await simulate(residualSnn().with({ readout: { delay: 3 } }), residualData(12), { T: 9, chunk: 4, workers: 1 });
    const r = await initBackend('webgpu').catch((e: Error) => e);
    try {
      if (r instanceof Error) return console.warn(`skipped: WebGPU did not start (${r.message.split('\n')[0]})`);
      for (const delay of [1, 5]) expect((await simulate(twoNeurons(delay), data, { T: 10, chunk: 4 })).path).toBe('gpu');
      expect((await simulate(twoNeurons(1), data, { T: 10, chunk: 4 })).correct).toEqual([0, 0, 1, 1, 0, 1, 1, 1, 1, 1]);
      expect((await simulate(twoNeurons(5), data, { T: 10, chunk: 4 })).correct).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
      const gpu = await simulate(residualSnn().with({ readout: { delay: 3 } }), residualData(12), { T: 9, chunk: 4 });
      expect(gpu.correct).toEqual(cpu.correct);
    } finally {
      await initBackend('wasm');
    }
  });
});

describe('predictions monitor', () => {
  it("gives each sample's class at the listed steps, delayed as the readout is (hand-derived), and refuses steps outside [1, T]", async () => {
    const at = [1, 2, 3, 5, 6, 10];
    const r = await simulate(twoNeurons(1), data, { T: 10, chunk: 4, monitors: [predictions({ at })] });
    expect(r.monitors?.predictions).toEqual([0, 0, 1, 0, 1, 1]); // delayed: t=1 (1,0), t=2 (0,0), t=3 (0,1), t=5 (1,1), t=6 (1,2), t=10 (2,3)
    const plain = await simulate(twoNeurons(0), data, { T: 10, monitors: [predictions({ at, name: 'p' })] });
    expect(plain.monitors?.p).toEqual([0, 0, 0, 0, 0, 0]); // ties go to class 0; (2,3) only at t = 8
    await expect(simulate(twoNeurons(0), data, { T: 4, monitors: [predictions({ at: [5] })] })).rejects.toThrow(
      /predictions: at must hold whole steps in \[1, 4\], got 5/,
    );
  });

  it("agrees with the run's correct counts at every listed t, in one thread and on worker threads (sample order kept)", async () => {
    const snn = residualSnn().with({ readout: { delay: 2 } });
    const d = residualData(50);
    const at = [1, 3, 4, 9];
    const one = await simulate(snn, d, { T: 9, chunk: 4, workers: 1, batchSize: 16, monitors: [predictions({ at })] });
    const two = await simulate(snn, d, { T: 9, chunk: 3, workers: 2, batchSize: 25, monitors: [predictions({ at })] });
    expect(two.path).toBe('chunked+workers');
    const p = one.monitors?.predictions as number[];
    expect(p).toHaveLength(50 * at.length);
    expect(two.monitors?.predictions).toEqual(p);
    // the step-by-step reference path keeps them too, from its own argmax (two monitors, overlapping steps)
    const ref = await simulate(snn, d, { T: 9, path: 'reference', batchSize: 16, monitors: [predictions({ at }), predictions({ at: [9, 3], name: 'late' })] });
    expect(ref.path).toBe('reference');
    expect(ref.monitors?.predictions).toEqual(p);
    expect(ref.monitors?.late).toEqual(Array.from({ length: 50 }, (_, s) => [p[s * 4 + 3], p[s * 4 + 1]]).flat());
    at.forEach((t, h) => {
      let c = 0;
      for (let s = 0; s < 50; s++) if (p[s * at.length + h] === Number(d.labels[s])) c++;
      expect(c).toBe(one.correct[t - 1]);
    });
  });
});
