// A calibration pass shared with a helper (another thread in the CLI; here a second observer set in this
// thread, its share passed through structuredClone as a worker's would be) gives the thresholds of one pass.
import { initBackend } from '@snn/backend';
import { createRng } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CalibrationHelper, observeBatch, sharedCalibration } from './calibrate.js';
import { convert } from './convert.js';
import { ObserverSet } from './observers/observer-set.js';
import type { Recipe } from './recipe.js';
import { parseMode } from './recipes.js';
import { tiny } from './tiny-graph.fixture.js';

beforeAll(async () => {
  await initBackend('cpu');
});

/** 7 seeded batches of 5 two-feature rows (the last one short), values of both signs and growing spread. */
function data(): () => Generator<tf.Tensor> {
  return function* () {
    const rng = createRng(11);
    for (let b = 0; b < 7; b++) {
      const n = b === 6 ? 3 : 5;
      const t = tf.tensor2d(
        Array.from({ length: n * 2 }, () => (rng() - 0.3) * (1 + b) * (rng() > 0.97 ? 30 : 1)),
        [n, 2],
      );
      try {
        yield t;
      } finally {
        t.dispose();
      }
    }
  };
}

/** Takes the batches where `take(k)` for its k-th call of ready(); keeps a log of the places it saw. */
function helperTaking(take: (k: number) => boolean): CalibrationHelper & { seen: number[] } {
  let calls = 0;
  let job: { graph: Parameters<CalibrationHelper['begin']>[0]; nodes: string[]; set: ObserverSet } | undefined;
  const work: Promise<void>[] = [];
  return {
    seen: [],
    async ready() {
      return take(calls++);
    },
    begin(graph, nodes, specs) {
      const set = new ObserverSet();
      for (const s of structuredClone(specs)) set.add(s.key, s.node, s.options, s.mask);
      job = { graph, nodes, set };
    },
    observe(x, shape, at) {
      this.seen.push(at.index);
      const copy = tf.tensor(Float32Array.from(x), shape);
      const j = job as NonNullable<typeof job>;
      work.push(observeBatch(j.graph, j.set, copy, j.nodes, at).finally(() => copy.dispose()));
    },
    async end() {
      await Promise.all(work);
      return structuredClone((job as NonNullable<typeof job>).set.state());
    },
  };
}

const noSearch = (mode: string): Recipe => ({ ...parseMode(mode), choices: undefined, biasCorrection: false });
const capped = (mode: string, n: number): Recipe => ({ ...noSearch(mode), calibrationSamples: n });
const RECIPES = [noSearch('max'), noSearch('99.9%'), noSearch('1/3'), noSearch('auto'), capped('max', 12), capped('auto', 12), capped('99%', 23)];

describe('calibrate with a helper', () => {
  for (const [name, take] of [
    ['every other batch', (k: number) => k % 2 === 1],
    ['the first three batches', (k: number) => k < 3],
    ['every batch', () => true],
  ] as const)
    it(`gives every recipe the thresholds of one pass in one thread when the helper takes ${name}`, async () => {
      const g = tiny();
      const alone = sharedCalibration(RECIPES);
      const helped = Object.assign(sharedCalibration(RECIPES), { helper: helperTaking(take) });
      for (const r of RECIPES) {
        const t0 = tf.memory().numTensors;
        const a = await convert(g, data(), r, { calibrationCache: alone });
        const t1 = tf.memory().numTensors;
        const b = await convert(g, data(), r, { calibrationCache: helped });
        expect(tf.memory().numTensors - t1).toBe(t1 - t0); // the SNN's own tensors only: nothing left over by the helped pass
        expect(b.report.layers).toEqual(a.report.layers); // exactly: EMA folded in pass order, histograms merged
        expect(b.report.calibration.samples).toBe(a.report.calibration.samples);
      }
      expect(helped.helper.seen.length).toBeGreaterThan(0);
      expect([...helped.values()].map((e) => [e.samples, e.batches])).toEqual([...alone.values()].map((e) => [e.samples, e.batches]));
    });

  it('stops reading the data once every capped observer has its images, helper or not', async () => {
    const g = tiny();
    const helped = Object.assign(sharedCalibration([capped('max', 12)]), { helper: helperTaking((k) => k % 2 === 0) });
    const { report } = await convert(g, data(), capped('max', 12), { calibrationCache: helped });
    expect(report.calibration.samples).toBe(12);
    expect(helped.helper.seen).toEqual([0, 2]); // batches 0..2 hold images 0..14: the pass ends after batch 2
  });

  it("with the cache's pick, a capped observer takes the picked positions of the pass (here the odd ones), helper or not", async () => {
    const g = tiny();
    const rows: number[][] = [];
    for (const x of data()()) rows.push(...(x.arraySync() as number[][]));
    const odd = rows.filter((_, i) => i % 2 === 1).slice(0, 9);
    const picked = function* () {
      const t = tf.tensor2d(odd);
      yield t;
      t.dispose();
    };
    const auto = noSearch('auto');
    const want = (await convert(g, picked, auto)).report.layers;
    const pick = (n: number) => Uint8Array.from(rows, (_, i) => Number(i % 2 === 1 && i < 2 * n));
    for (const take of [() => false, (k: number) => k % 2 === 0]) {
      const cache = Object.assign(sharedCalibration([noSearch('max'), capped('auto', 9)]), { pick, helper: helperTaking(take) });
      await convert(g, data(), noSearch('max'), { calibrationCache: cache });
      const { report } = await convert(g, data(), capped('auto', 9), { calibrationCache: cache });
      expect(report.layers).toEqual(want);
      expect(report.calibration.samples).toBe(9);
    }
  });
});
