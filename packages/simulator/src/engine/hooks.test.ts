import { initBackend } from '@snn/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tutorialSnn } from '../../test/helpers.js';
import { constantEncoder } from '../encoders/constant.js';
import type { EngineHooks } from './hooks.js';
import { callLayer } from './layer-call.js';
import { compilePlan } from './plan.js';
import { ChunkedRunner } from './runner.js';

beforeAll(async () => {
  await initBackend('wasm');
});

/** Hooks that record the chunks of the stateless nodes `names` (copies, per node in run order). */
function recorder(names: string[]) {
  const got = new Map<string, Array<{ t0: number; steps: number; count: number; size: number; out: Float32Array }>>();
  const hooks: EngineHooks = {
    wantsSpikes: () => false,
    wantsMembrane: () => false,
    spikes() {},
    membrane() {},
    wantsValues: (n) => names.includes(n),
    values(info, out) {
      got.set(info.node, [...(got.get(info.node) ?? []), { t0: info.t0, steps: info.steps, count: info.count, size: info.size, out: out.slice() }]);
    },
  };
  return { hooks, got };
}

describe('engine hooks: values of stateless nodes, readout none', () => {
  it("hands out a pooling's and conv2's chunks (the pooling then unfused), conv2's equal to its layer on the pooled spikes, same scores", async () => {
    const snn = await tutorialSnn('99.9%', 100);
    const pool = snn.nodes.filter((n) => n.op === 'AvgPool2d')[0];
    const conv2 = snn.nodes.filter((n) => n.op === 'Conv2d')[1];
    expect(conv2.inputs[0]).toBe(pool.name);
    const B = 3;
    const x = Float32Array.from({ length: B * 784 }, (_, k) => ((k * 7919) % 255) / 255);
    const batch = { x, labels: [1, 2, 3], first: 0, count: B };
    const cfg = { T: 5, encoder: constantEncoder(), engine: { chunk: 2 } };
    const plain = new ChunkedRunner(compilePlan(snn, true), cfg);
    expect(plain.kernelOf(pool.name)).toBe('wasm-if-pool');
    const want = plain.run(batch);
    const { hooks, got } = recorder([pool.name, conv2.name]);
    const watched = new ChunkedRunner(compilePlan(snn, true), { ...cfg, hooks });
    expect(watched.kernelOf(pool.name)).not.toBe('wasm-if-pool');
    const r = watched.run(batch);
    expect([...r.correct]).toEqual([...want.correct]);
    expect([...r.predictions]).toEqual([...want.predictions]);
    const pooled = got.get(pool.name) ?? [];
    const sums = got.get(conv2.name) ?? [];
    // T = 5 in chunks of 2: steps 1–2, 3–4, 5
    expect(pooled.map((c) => [c.t0, c.steps])).toEqual([
      [1, 2],
      [3, 4 - 2],
      [5, 1],
    ]);
    expect(sums.map((c) => c.out.length)).toEqual([2, 2, 1].map((s) => s * B * 11 * 11 * 32));
    expect(pooled[0].size).toBe(13 * 13 * 32);
    expect(pooled.some((c) => c.out.some((v) => v !== 0))).toBe(true);
    for (let k = 0; k < 3; k++) {
      const ref = tf.tidy(() => callLayer(conv2, [tf.tensor(pooled[k].out, [pooled[k].steps * B, 13, 13, 32])]).dataSync());
      expect(sums[k].out.every((v, i) => Object.is(v, ref[i]))).toBe(true);
    }
  });

  it("readout 'none' sums nothing: correct stays 0 at every step", async () => {
    const snn = await tutorialSnn('99.9%', 100);
    const x = Float32Array.from({ length: 2 * 784 }, (_, k) => ((k * 31) % 255) / 255);
    const run = (engine: { chunk: number }, labels: number[]) =>
      new ChunkedRunner(compilePlan(snn, true), { T: 4, encoder: constantEncoder(), engine }).run({ x, labels, first: 0, count: 2 });
    const labels = [...run({ chunk: 3 }, [0, 0]).predictions]; // labels that the summed readout scores right at T
    expect(run({ chunk: 3 }, labels).correct[3]).toBe(2);
    const r = run({ chunk: 3, readout: 'none' } as unknown as { chunk: number }, labels);
    expect([...r.correct]).toEqual([0, 0, 0, 0]);
  });
});
