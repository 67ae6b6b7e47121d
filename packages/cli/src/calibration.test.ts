// Which images a conversion calibrates on: a recipe's cap takes a class-stratified seeded subset, not the first N.
import { initBackend } from '@snn/backend';
import { autoRecipe, convert, parseMode, type Recipe, sharedCalibration } from '@snn/converter';
import { loadEmbeddedMnist, spikingJellyOrder } from '@snn/datasets';
import { importOnnx } from '@snn/onnx';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../test/helpers.js';
import { AnnThread } from './ann-thread.js';
import { calibrationBatches, calibrationSet, sharedPassPick } from './calibration.js';
import { threadHelper } from './calibration-helper.js';
import { trainingUse } from './training.js';

beforeAll(async () => {
  await initBackend('wasm');
});

const perClass = (labels: ArrayLike<number>) => Array.from({ length: 10 }, (_, c) => Array.from(labels).filter((l) => l === c).length);

describe('calibrationSet', () => {
  it("gives auto's 2,000-image cap as a class-stratified seeded subset of the calibration images, calibrated on whole", async () => {
    const { train } = await loadEmbeddedMnist();
    const use = trainingUse(train, { validation: 0.1 });
    const auto = autoRecipe(16);
    expect(auto.calibrationSamples).toBe(2000);
    const { split, recipe } = calibrationSet(use.calibration, auto, { explicit: false, shared: false });
    expect(split.n).toBe(2000);
    expect(recipe.calibrationSamples).toBeUndefined();
    // every class in proportion: 2,000 · (its share of the 7,196), within one image
    const all = perClass(use.calibration.labels);
    for (const [c, k] of perClass(split.labels).entries()) expect(Math.abs(k - (2000 * all[c]) / use.calibration.n)).toBeLessThanOrEqual(1);
    // the first 2,000 of SpikingJelly's stride order are not: some class is off its share by more than an image
    const first = Array.from(spikingJellyOrder(use.calibration.n).slice(0, 2000), (i) => use.calibration.labels[i]);
    expect(Math.max(...perClass(first).map((k, c) => Math.abs(k - (2000 * all[c]) / use.calibration.n)))).toBeGreaterThan(1);
    // seeded: the same images every run
    const again = calibrationSet(use.calibration, auto, { explicit: false, shared: false }).split;
    expect(Buffer.from(again.images.buffer).equals(Buffer.from(split.images.buffer))).toBe(true);
  });

  it('leaves an explicit --calibrate subset, a shared pass, a cap past the set and a recipe without a cap as they are', async () => {
    const { train } = await loadEmbeddedMnist();
    const use = trainingUse(train, { validation: 0.1, calibrate: 500 });
    const auto = autoRecipe(16);
    const explicit = calibrationSet(use.calibration, auto, { explicit: true, shared: false });
    expect(explicit.split).toBe(use.calibration);
    expect(explicit.recipe.calibrationSamples).toBeUndefined();
    const shared = calibrationSet(use.calibration, auto, { explicit: false, shared: true });
    expect(shared.split).toBe(use.calibration);
    expect(shared.recipe).toBe(auto); // each observer takes the first N of the one pass
    const past = calibrationSet(use.calibration, auto, { explicit: false, shared: false }); // 2,000 > 500
    expect(past.split).toBe(use.calibration);
    expect(past.recipe.calibrationSamples).toBeUndefined();
    const sj = parseMode('99.9%');
    const none = calibrationSet(use.calibration, sj, { explicit: false, shared: false });
    expect(none.split).toBe(use.calibration);
    expect(none.recipe).toBe(sj);
  });
});

describe('sharedPassPick', () => {
  it('gives a capped recipe in a shared pass (helper thread too) the thresholds of its stratified subset on its own', async () => {
    const ann = importOnnx(fixture('mnist_cnn_mnist.onnx'));
    const { train } = await loadEmbeddedMnist();
    const { calibration } = trainingUse(train, { validation: 0.1, calibrate: 1000 });
    const capped: Recipe = { ...parseMode('auto'), choices: undefined, biasCorrection: false, calibrationSamples: 300 };
    const sj: Recipe = { ...parseMode('99.9%'), choices: undefined, biasCorrection: false };
    const alone = calibrationSet(calibration, capped, { explicit: false, shared: false });
    const own = (await convert(ann, calibrationBatches(alone.split), alone.recipe)).report;
    const thread = AnnThread.shared();
    const cache = Object.assign(sharedCalibration([sj, capped]), { pick: sharedPassPick(calibration), ...(thread ? { helper: threadHelper(thread) } : {}) });
    await convert(ann, calibrationBatches(calibration), sj, { calibrationCache: cache });
    const shared = (await convert(ann, calibrationBatches(calibration), capped, { calibrationCache: cache })).report;
    expect(shared.calibration.samples).toBe(300);
    expect(shared.layers).toEqual(own.layers);
    // without the pick the shared pass gives it the first 300 of the pass: other images, other thresholds
    const first = Object.assign(sharedCalibration([sj, capped]));
    await convert(ann, calibrationBatches(calibration), sj, { calibrationCache: first });
    expect((await convert(ann, calibrationBatches(calibration), capped, { calibrationCache: first })).report.layers).not.toEqual(own.layers);
    ann.dispose();
  });
});
