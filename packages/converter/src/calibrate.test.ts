import { initBackend } from '@snn/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tiny } from './tiny-graph.fixture.js';
import { calibrate, observerOptions, sharedCalibration } from './calibrate.js';
import { convert } from './convert.js';
import { parseMode } from './recipes.js';
import type { Recipe } from './recipe.js';

beforeAll(async () => {
  await initBackend('cpu');
});

/** Two batches, counting how often they are walked. */
function counted() {
  const walks = { n: 0 };
  function* data() {
    walks.n++;
    yield tf.tensor2d([
      [1, 2],
      [3, 0],
    ]);
    yield tf.tensor2d([
      [1, 1],
      [0.5, 4],
    ]);
  }
  return { walks, data };
}

const noSearch = (mode: string): Recipe => ({ ...parseMode(mode), choices: undefined, biasCorrection: false });
const MODES = ['max', '99.9%', '1/2', '1/3', 'auto'];

describe('sharedCalibration', () => {
  it('one pass over the data gives every recipe the thresholds of its own pass (hand-derived for max and 1/2)', async () => {
    const g = tiny();
    const shared = counted();
    const cache = sharedCalibration(MODES.map(noSearch));
    const sharedLayers = [];
    for (const m of MODES) sharedLayers.push((await convert(g, shared.data, noSearch(m), { calibrationCache: cache })).report.layers);
    expect(shared.walks.n).toBe(1);

    const own = counted();
    for (const [i, m] of MODES.entries()) expect(sharedLayers[i]).toEqual((await convert(g, own.data, noSearch(m))).report.layers);
    expect(own.walks.n).toBe(MODES.length);
    // r1: batch maxima 3 then 4 → 0.9·3 + 0.1·4 = 3.1; out: 3 then 4.5 → 3.15 (SpikingJelly's EMA, momentum 0.1)
    expect(sharedLayers[0].map((l) => l.threshold)).toEqual([expect.closeTo(3.1, 6), expect.closeTo(3.15, 6)]);
    // 1/2: 0.9·1.5 + 0.1·2 = 1.55 and 0.9·1.5 + 0.1·2.25 = 1.575
    expect(sharedLayers[2].map((l) => l.threshold)).toEqual([expect.closeTo(1.55, 6), expect.closeTo(1.575, 6)]);
  });

  it('a recipe that reads the first 3 images only gets them from the shared pass: the batch that crosses 3 is cut (hand-derived)', async () => {
    const g = tiny();
    const shared = counted();
    const capped = { ...noSearch('max'), calibrationSamples: 3 };
    const cache = sharedCalibration([noSearch('max'), capped]);
    await convert(g, shared.data, noSearch('max'), { calibrationCache: cache });
    const { report } = await convert(g, shared.data, capped, { calibrationCache: cache });
    expect(shared.walks.n).toBe(1);
    // r1: 3, then the cut batch [1, 1] → 0.9·3 + 0.1·1 = 2.8; out: 3, then 2 → 2.9
    expect(report.layers.map((l) => l.threshold)).toEqual([expect.closeTo(2.8, 6), expect.closeTo(2.9, 6)]);
    expect(report.calibration.samples).toBe(3);
    expect((await convert(g, counted().data, capped)).report.layers).toEqual(report.layers);
  });

  it('keeps the tensor count flat with many observer sets on one pass (and counts batches without a progress callback)', async () => {
    const g = tiny();
    const batches = [...counted().data()];
    const cache = sharedCalibration(MODES.map(noSearch));
    const before = tf.memory().numTensors;
    const th = await calibrate(g, batches, ['r1', 'out'], observerOptions(noSearch('max')), undefined, cache);
    expect(tf.memory().numTensors).toBe(before);
    expect(th.get('r1')).toEqual([expect.closeTo(3.1, 6)]);
    expect(cache.size).toBe(2 * MODES.length); // per node: four EMA statistics and auto's one exact histogram
    tf.dispose(batches);
  });
});
