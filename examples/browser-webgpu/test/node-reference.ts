// Node's side of the browser test: the page's own functions, on wasm, fed the very files the page
// fetches (dist/gen/), so the only difference left is the platform (and the simulate() path).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '@snn/backend';
import { decodeDigitSet } from '@snn/datasets';
import { annOutputs, digitSetImages, disposeGraphs, type ImageSet, pick, prepareModel, thresholds } from '../src/pipeline.js';
import { runImages } from '../src/run-images.js';

export interface Reference {
  backend: string;
  thresholds: number[];
  labels: number[];
  /** The ANN's outputs, `[n][classes]`. */
  ann: number[][];
  /** Each image's SNN class at T (simulate(), one call per image). */
  predictions: number[];
  /** `correct[t − 1]`: images right at t. */
  correct: number[];
  path: string;
}

/** Reads a digit set the page serves (`calib.snnm`, `test.snnm`) from a built `gen/` folder. */
export function readSet(gen: string, file: string): ImageSet {
  return digitSetImages(decodeDigitSet(new Uint8Array(readFileSync(join(gen, file)))));
}

/** What `window.snnTest.run({ backend, mode, T, images })` computes, here in Node on wasm; `set` replaces the bundled test images. */
export async function nodeReference(gen: string, images: number[], T: number, mode: string, set?: ImageSet): Promise<Reference> {
  const { backend } = await initBackend('wasm');
  const test = set ?? readSet(gen, 'test.snnm');
  const p = await prepareModel(new Uint8Array(readFileSync(join(gen, 'model.onnx'))), readSet(gen, 'calib.snnm'), mode);
  const x = pick(test, images);
  const subset: ImageSet = { images: x, labels: Uint8Array.from(images, (i) => test.labels[i]), n: images.length, shape: test.shape };
  const r = await runImages(p.snn, subset, T);
  const ref = {
    backend,
    thresholds: thresholds(p.report),
    labels: [...subset.labels],
    ann: await annOutputs(p.ann, x, images.length, test.shape),
    predictions: r.predictions,
    correct: r.correct,
    path: r.path,
  };
  disposeGraphs(p.ann, p.snn);
  return ref;
}
