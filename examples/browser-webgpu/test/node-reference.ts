// Node's side of the browser test: the page's own functions, on wasm, fed the very files the page
// fetches (dist/gen/), so the only difference left is the platform.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '@snn/backend';
import { decodeDigitSet } from '@snn/datasets';
import { annOutputs, digitSetImages, type ImageSet, pick, prepareModel, runSnn, thresholds } from '../src/pipeline.js';

export interface Reference {
  backend: string;
  thresholds: number[];
  labels: number[];
  /** The ANN's outputs, `[n][classes]`. */
  ann: number[][];
  /** The SNN's output at each step, `[T][n][classes]`. */
  outputs: number[][][];
}

/** Reads a digit set the page serves (`calib.snnm`, `test.snnm`) from a built `gen/` folder. */
export function readSet(gen: string, file: string): ImageSet {
  return digitSetImages(decodeDigitSet(new Uint8Array(readFileSync(join(gen, file)))));
}

/** What `window.snnTest.run({ backend, mode, T, images })` computes, here in Node on wasm. */
export async function nodeReference(gen: string, images: number[], T: number, mode: string): Promise<Reference> {
  const { backend } = await initBackend('wasm');
  const test = readSet(gen, 'test.snnm');
  const p = await prepareModel(new Uint8Array(readFileSync(join(gen, 'model.onnx'))), readSet(gen, 'calib.snnm'), mode);
  const x = pick(test, images);
  return {
    backend,
    thresholds: thresholds(p.report),
    labels: images.map((i) => test.labels[i]),
    ann: await annOutputs(p.ann, x, images.length, test.shape),
    outputs: await runSnn(p.snn, x, images.length, T),
  };
}
