// `snn train` never fits on the validation part that `auto` and every automatic choice score on:
// holdOutValidation is the one rule (trainingUse and `snn train` both use it), and the summary says so.
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Split } from '@snn/datasets';
import { describe, expect, it } from 'vitest';
import { bnLevels, defaultTrainLevels, trainLevelsOption } from '../src/commands/train.js';
import { holdOutValidation, runCli, trainingUse } from '../src/index.js';
import { capture } from './helpers.js';

const data = (...p: string[]) => join(import.meta.dirname, '..', '..', 'datasets', 'test', 'fixtures', ...p);

/** 50 one-pixel images whose pixel is their index, labels 0..4 (10 of each). */
function indexed(): Split {
  const n = 50;
  return { images: Float32Array.from({ length: n }, (_, i) => i), labels: Uint8Array.from({ length: n }, (_, i) => i % 5), n, shape: [1, 1, 1] };
}

describe('snn train holds out the validation split', () => {
  it('holdOutValidation: the rest and the validation part partition the training split; the part is trainingUse’s', () => {
    const train = indexed();
    const held = holdOutValidation(train, 0.2);
    const rest = Array.from(held.rest.images);
    const val = Array.from(held.validation?.images ?? []);
    expect(val).toHaveLength(10); // round(0.2 · 50)
    expect(rest).toHaveLength(40);
    expect([...rest, ...val].sort((a, b) => a - b)).toEqual(Array.from(train.images));
    expect(rest).toEqual([...rest].sort((a, b) => a - b)); // original order kept
    expect(Array.from(held.validation?.labels ?? []).sort()).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]); // stratified
    const use = trainingUse(train, { validation: 0.2 });
    expect(Array.from(use.validation?.images ?? [])).toEqual(val);
    expect(held.info).toEqual(use.info.validation);
    expect(holdOutValidation(train, null)).toEqual({ rest: train, validation: null, info: null });
  });

  it('qcfs:L draws L from L, L/2, … ≥ 2 by default; --train-levels L alone trains at L only', () => {
    expect([8, 4, 16, 6, 3, 1].map(defaultTrainLevels)).toEqual([[2, 4, 8], [2, 4], [2, 4, 8, 16], [3, 6], [3], []]);
    expect(trainLevelsOption(undefined, { kind: 'qcfs', levels: 8 })).toEqual({ kind: 'qcfs', levels: 8, trainLevels: [2, 4, 8] });
    expect(trainLevelsOption(undefined, { kind: 'qcfs', levels: 3 })).toEqual({ kind: 'qcfs', levels: 3 });
    expect(trainLevelsOption('8', { kind: 'qcfs', levels: 8 })).toEqual({ kind: 'qcfs', levels: 8 });
    expect(trainLevelsOption('4,8', { kind: 'qcfs', levels: 8, perChannel: true })).toEqual({ kind: 'qcfs', levels: 8, perChannel: true, trainLevels: [4, 8] });
    expect(trainLevelsOption(undefined, { kind: 'relu' })).toEqual({ kind: 'relu' });
    expect([[2, 4, 8], [8, 2, 4], [2, 4], [4], [2, 4, 8, 16]].map(bnLevels)).toEqual([4, 4, 4, 4, 8]);
  });

  it('fits on the training images less the validation part and states both in the summary and training.json', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'snn-train-')), 'model');
    const io = capture();
    // fashion_test.npz alone: 60 test images, 140 training images, of which 14 are validation
    const code = await runCli(['train', '--data', data('fashion_test.npz'), '--epochs', '1', '--output', out], io);
    expect(io.err).toMatch(/on 126 of 140 training images, its 14 validation images \(10 %, seed 0\) held out/);
    expect(code).toBe(0);
    const summary = JSON.parse(io.out);
    expect(summary.trainImages).toBe(126);
    expect(summary.validation).toEqual({ fraction: 0.1, n: 14, of: 140, rule: 'class-stratified', seed: 0 });
    expect(JSON.parse(readFileSync(join(out, 'training.json'), 'utf8'))).toEqual(summary);
    const off = capture();
    expect(await runCli(['train', '--data', data('fashion_test.npz'), '--epochs', '1', '--validation', 'off', '--output', `${out}-all`], off)).toBe(0);
    expect(JSON.parse(off.out)).toMatchObject({ trainImages: 140, validation: null });
    const q = capture();
    expect(await runCli(['train', '--data', data('fashion_test.npz'), '--activation', 'qcfs:8', '--epochs', '1', '--output', `${out}-q`], q)).toBe(0);
    expect(q.err).toMatch(/BatchNorm running statistics re-estimated at L = 4 on 126 images/);
    expect(JSON.parse(q.out)).toMatchObject({ trainLevels: [2, 4, 8], bnReestimate: { levels: 4, images: 126, batchSize: 100 }, trainImages: 126 });
    const bad = capture();
    expect(await runCli(['train', '--data', 'mnist', '--validation', '0%', '--output', `${out}-bad`], bad)).toBe(2);
    expect(bad.err).toBe('snn: --validation 0%: expected a share of the training split such as 10%, or off\n');
  }, 120_000);
});
