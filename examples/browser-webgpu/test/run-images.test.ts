// runImages (what the page's worker runs): simulate() calls of a few images each (every image's class
// from the predictions monitor), and calls of one image each (its class off the confusion row), must
// add up to exactly one batched simulate() call over the same images; Cancel stops between calls;
// unlabelled images get predictions without being scored; labels of the user's image files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '@snn/backend';
import { simulate } from '@snn/simulator';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeGraphs, type ImageSet, pick, type Prepared, prepareModel } from '../src/pipeline.js';
import { imagesPerCall, runImages } from '../src/run-images.js';
import { labelOf, NO_LABEL } from '../src/user-data.js';
import { readSet } from './node-reference.js';

const GEN = join(import.meta.dirname, '..', 'dist', 'gen');
let test: ImageSet;
let p: Prepared;
const subset = (idx: number[], labels?: number[]): ImageSet => ({
  images: pick(test, idx),
  labels: Uint8Array.from(labels ?? idx.map((i) => test.labels[i])),
  n: idx.length,
  shape: test.shape,
});

beforeAll(async () => {
  await initBackend('wasm');
  test = readSet(GEN, 'test.snnm');
  p = await prepareModel(new Uint8Array(readFileSync(join(GEN, 'model.onnx'))), readSet(GEN, 'calib.snnm'), '99.9%');
  return () => disposeGraphs(p.ann, p.snn);
});

describe('runImages', () => {
  it.each([7, 1])('simulate() calls of %i image(s) add up to one batched simulate() over the same 30 images', async (perCall) => {
    const idx = Array.from({ length: 30 }, (_, i) => (i * 7) % test.n);
    const set = subset(idx);
    const T = 12;
    const progress: number[] = [];
    const r = await runImages(p.snn, set, T, { onProgress: (q) => progress.push(q.done), every: 0, perCall });
    const batched = await simulate(p.snn, set, { T, workers: 1 });
    expect(r.correct).toEqual(batched.correct);
    expect(r.predictions.filter((k, i) => k === set.labels[i]).length).toBe(batched.correct[T - 1]);
    // the confusion matrix at T from the per-image predictions
    const confusion = batched.confusion.map((row) => row.map(() => 0));
    r.predictions.forEach((k, i) => {
      confusion[set.labels[i]][k]++;
    });
    expect(confusion).toEqual(batched.confusion);
    expect([r.n, r.scored, r.stopped, r.path]).toEqual([30, 30, false, 'chunked']);
    expect(progress).toEqual(perCall === 7 ? [7, 14, 21, 28, 30] : Array.from({ length: 30 }, (_, i) => i + 1));
    expect(r.rate).toBeCloseTo((30 * T) / r.seconds, 6);
  });

  it('images per call: ⌊512 / T⌋ within 1..50', () => {
    expect([1, 8, 10, 11, 32, 256, 512, 1024].map(imagesPerCall)).toEqual([50, 50, 50, 46, 16, 2, 1, 1]);
  });

  it('stops before the next call when asked, and reports what it did', async () => {
    let calls = 0;
    const r = await runImages(p.snn, subset([1, 2, 3, 4, 5, 6, 7]), 4, { shouldStop: () => ++calls > 2, perCall: 3 });
    expect([r.n, r.predictions.length, r.stopped]).toEqual([6, 6, true]);
  });

  it('gives unlabelled images a prediction but does not score them', async () => {
    const labelled = await runImages(p.snn, subset([73, 12]), 8);
    const mixed = await runImages(p.snn, subset([73, 12], [7, NO_LABEL]), 8);
    const single = await runImages(p.snn, subset([73, 12], [7, NO_LABEL]), 8, { perCall: 1 });
    expect(single).toMatchObject({ predictions: mixed.predictions, correct: mixed.correct, scored: 1 });
    expect(mixed.predictions).toEqual(labelled.predictions);
    expect(mixed.scored).toBe(1);
    expect(mixed.correct[7]).toBe(labelled.predictions[0] === 7 ? 1 : 0);
  });
});

describe('labelOf (the user’s image files)', () => {
  const bytes = new Uint8Array();
  it.each([
    [{ name: 'a.png', path: 'digits/7/a.png' }, 7],
    [{ name: 'a.png', path: 'fashion/0-T-shirt-top/a.png' }, 0],
    [{ name: '3_scan.jpg' }, 3],
    [{ name: '12-x.png' }, 12],
    [{ name: 'seven.png' }, NO_LABEL],
    [{ name: '7.png' }, NO_LABEL],
    [{ name: 'a.png', path: 'shots/a.png' }, NO_LABEL],
  ])('%o → %i', (f, want) => {
    expect(labelOf({ ...f, bytes })).toBe(want);
  });
});
