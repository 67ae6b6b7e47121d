// Which images a conversion calibrates on: a recipe's cap takes a class-stratified seeded subset, not the first N.
import { autoRecipe, parseMode } from '@snn/converter';
import { loadEmbeddedMnist, spikingJellyOrder } from '@snn/datasets';
import { describe, expect, it } from 'vitest';
import { calibrationSet } from './calibration.js';
import { trainingUse } from './training.js';

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
