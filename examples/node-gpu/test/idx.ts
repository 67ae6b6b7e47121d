import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MNIST_FILES, type Split } from '@snn/datasets';

/** `count` samples of a split, `per` of each class taken in order, as IDX bytes (pixels · 255). */
function idxBytes(split: Split, perClass: number): { images: Uint8Array; labels: Uint8Array } {
  const per = split.shape[0] * split.shape[1];
  const picked: number[] = [];
  for (let c = 0; c < 10; c++) for (let i = 0, k = 0; i < split.n && k < perClass; i++) if (split.labels[i] === c && ++k) picked.push(i);
  const images = new Uint8Array(16 + picked.length * per);
  const labels = new Uint8Array(8 + picked.length);
  const iv = new DataView(images.buffer);
  const lv = new DataView(labels.buffer);
  iv.setUint32(0, 0x803);
  iv.setUint32(4, picked.length);
  iv.setUint32(8, split.shape[0]);
  iv.setUint32(12, split.shape[1]);
  lv.setUint32(0, 0x801);
  lv.setUint32(4, picked.length);
  picked.forEach((s, k) => {
    labels[8 + k] = split.labels[s];
    for (let p = 0; p < per; p++) images[16 + k * per + p] = Math.round(255 * split.images[s * per + p]);
  });
  return { images, labels };
}

/** Writes a small MNIST-layout IDX directory (trainPer and testPer samples per class). */
export function writeIdxDir(dir: string, data: { train: Split; test: Split }, trainPer: number, testPer: number): string {
  mkdirSync(dir, { recursive: true });
  const train = idxBytes(data.train, trainPer);
  const test = idxBytes(data.test, testPer);
  writeFileSync(join(dir, MNIST_FILES.trainImages), train.images);
  writeFileSync(join(dir, MNIST_FILES.trainLabels), train.labels);
  writeFileSync(join(dir, MNIST_FILES.testImages), test.images);
  writeFileSync(join(dir, MNIST_FILES.testLabels), test.labels);
  return dir;
}
