// runImages (what the page's worker runs): one simulate() call per image must add up to exactly one
// batched simulate() call over the same images; Cancel stops between images; unlabelled images get
// predictions without being scored; labels of the user's image files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '@snn/backend';
import { simulate } from '@snn/simulator';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeGraphs, type ImageSet, pick, type Prepared, prepareModel } from '../src/pipeline.js';
import { runImages } from '../src/run-images.js';
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
  it('per-image simulate() calls add up to one batched simulate() over the same 30 images', async () => {
    const idx = Array.from({ length: 30 }, (_, i) => (i * 7) % test.n);
    const set = subset(idx);
    const T = 12;
    const progress: number[] = [];
    const r = await runImages(p.snn, set, T, { onProgress: (q) => progress.push(q.done), every: 0 });
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
    expect(progress).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(r.rate).toBeCloseTo((30 * T) / r.seconds, 6);
  });

  it('stops before the next image when asked, and reports what it did', async () => {
    let calls = 0;
    const r = await runImages(p.snn, subset([1, 2, 3, 4, 5, 6]), 4, { shouldStop: () => ++calls > 3 });
    expect([r.n, r.predictions.length, r.stopped]).toEqual([3, 3, true]);
  });

  it('gives unlabelled images a prediction but does not score them', async () => {
    const labelled = await runImages(p.snn, subset([73, 12]), 8);
    const mixed = await runImages(p.snn, subset([73, 12], [7, NO_LABEL]), 8);
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
