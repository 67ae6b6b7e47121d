import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstMismatch } from '../../test/same-floats.js';
import { userFixture } from '../../test/user-fixtures.js';
import { parseDataFlags } from '../arrays/data-flags.js';
import { loadData } from './load-data.js';

const f = userFixture;
const perClass = (labels: Uint8Array) => Array.from({ length: 10 }, (_, c) => labels.filter((l) => l === c).length);

describe('loadData: every form of --data', () => {
  it('.npz, .npy pair and IDX hold the same test and calibration images, bit for bit', async () => {
    const npz = await loadData({ data: f('fashion_test.npz'), calibrationData: f('fashion_cal.npz') });
    const npy = await loadData({ data: f('fashion_test_x.npy'), labels: f('fashion_test_y.npy'), calibrationData: f('fashion_cal.npz') });
    const idx = await loadData({ data: f('idx') });
    for (const other of [npy, idx]) {
      expect(firstMismatch(other.dataset.test.images, npz.dataset.test.images)).toBe(-1);
      expect(Array.from(other.dataset.test.labels)).toEqual(Array.from(npz.dataset.test.labels));
    }
    expect(firstMismatch(idx.dataset.train.images, npz.dataset.train.images)).toBe(-1);
    expect(npz.note).toBe(`test: all of ${f('fashion_test.npz')} (200); calibration: ${f('fashion_cal.npz')} (200)`);
    expect(idx.note).toBe(`test: the test split of ${f('idx')} (200); calibration: its train split (200)`);
  });

  it('an image folder with a calibration folder; --mean/--std normalise both splits', async () => {
    const { dataset } = await loadData({ data: f('images', 'test'), calibrationData: f('images', 'cal'), mean: [0.5], std: [0.25] });
    const raw = await loadData({ data: f('images', 'test'), calibrationData: f('images', 'cal') });
    expect([dataset.test.n, dataset.train.n]).toEqual([200, 200]);
    expect(dataset.test.images[400]).toBeCloseTo((raw.dataset.test.images[400] - 0.5) / 0.25, 6);
    expect(dataset.train.images[123]).toBeCloseTo((raw.dataset.train.images[123] - 0.5) / 0.25, 6);
  });

  it('a single set is split class-stratified and seeded: 30 % test, the rest calibration', async () => {
    const a = await loadData({ data: f('fashion_test.npz') });
    const b = await loadData({ data: f('images', 'test') });
    expect([a.dataset.test.n, a.dataset.train.n]).toEqual([60, 140]);
    expect(perClass(a.dataset.test.labels)).toEqual(new Array(10).fill(6));
    expect(a.note).toMatch(/^test: a class-stratified 30 % of .*fashion_test\.npz \(60 of 200, seed 0\); calibration: the other 140/);
    expect(perClass(b.dataset.test.labels)).toEqual(new Array(10).fill(6));
    const again = await loadData({ data: f('fashion_test.npz') });
    expect(firstMismatch(again.dataset.test.images, a.dataset.test.images)).toBe(-1);
    const other = await loadData({ data: f('fashion_test.npz'), seed: 1 });
    expect(firstMismatch(other.dataset.test.images, a.dataset.test.images)).not.toBe(-1);
  });

  it('an .npz with x_train, y_train, x_test, y_test is a train and a test split', async () => {
    const both = await loadData({ data: f('train_test.npz') });
    const test = await loadData({ data: f('fashion_test.npz'), calibrationData: f('fashion_cal.npz') });
    expect([both.dataset.train.n, both.dataset.test.n, both.carved]).toEqual([20, 20, false]);
    expect(firstMismatch(both.dataset.test.images, test.dataset.test.images.subarray(0, 20 * 784))).toBe(-1);
    expect(firstMismatch(both.dataset.train.images, test.dataset.train.images.subarray(0, 20 * 784))).toBe(-1);
  });

  it('a folder holding train/ and test/ image folders is a train and a test split', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-split-'));
    symlinkSync(f('images', 'cal'), join(dir, 'train'));
    symlinkSync(f('images', 'test'), join(dir, 'test'));
    const both = await loadData({ data: dir });
    const apart = await loadData({ data: f('images', 'test'), calibrationData: f('images', 'cal') });
    expect(both.note).toBe(`test: the test split of ${dir} (200); calibration: its train split (200)`);
    expect(firstMismatch(both.dataset.test.images, apart.dataset.test.images)).toBe(-1);
    expect(firstMismatch(both.dataset.train.images, apart.dataset.train.images)).toBe(-1);
  });

  it('rank-3 arrays load as [1, L, C]', async () => {
    const { dataset } = await loadData({ data: f('seq_ncl.npz'), calibrationData: f('seq_ncl.npz') });
    expect(dataset.test.shape).toEqual([1, 7, 2]);
  });
});

describe('loadData and parseDataFlags: bad input is one line naming the file or flag', () => {
  const cases: Array<[string, () => Promise<unknown>, string | RegExp]> = [
    ['missing file', () => loadData({ data: 'nope.npz' }), 'nope.npz: no such file'],
    ['unknown path', () => loadData({ data: 'nope' }), /^--data nope: no such directory or \.npz\/\.npy file/],
    [
      'npy without labels',
      () => loadData({ data: f('fashion_test_x.npy') }),
      /--data .*fashion_test_x\.npy: an \.npy of images needs its labels: --labels y\.npy$/,
    ],
    [
      'resize on arrays',
      () => loadData({ data: f('fashion_test.npz'), resize: [28, 28] }),
      /fashion_test\.npz: --resize and --grayscale apply to image folders only$/,
    ],
    ['scale on IDX', () => loadData({ data: f('idx'), scale: 1 }), /idx: --scale applies to \.npy\/\.npz arrays and image folders only$/],
    ['labels with npz', () => loadData({ data: f('fashion_test.npz'), labels: f('fashion_test_y.npy') }), /a labels file goes with an \.npy of images only$/],
    [
      'calibration shape',
      () => loadData({ data: f('fashion_test.npz'), calibrationData: f('float32_nchw.npz') }),
      /^--calibration-data .*float32_nchw\.npz: samples are \[5, 6, 3\] but --data's are \[28, 28, 1\] \(NHWC\)$/,
    ],
    ['npz without y', () => loadData({ data: f('x_only.npz') }), /x_only\.npz: needs arrays x \(images\) and y \(labels\); missing y \(has x\)$/],
    [
      'unnamed npz arrays',
      () => loadData({ data: f('unnamed.npz') }),
      /unnamed\.npz: needs arrays x \(images\) and y \(labels\); missing x, y \(has arr_0, arr_1\); save them by name: np\.savez\(file, x=x, y=y\)$/,
    ],
    ['mean count', () => loadData({ data: f('fashion_test.npz'), mean: [0.1, 0.2] }), '--mean 0.1,0.2: has 2 values but the data has 1 channel(s)'],
    ['calibration labels alone', () => loadData({ data: 'mnist', calibrationLabels: 'y.npy' }), '--calibration-labels: needs --calibration-data'],
  ];
  for (const [what, run, message] of cases) it(what, () => expect(run()).rejects.toThrow(message));

  it('parses the flag texts', () => {
    expect(parseDataFlags({ data: 'x.npy', labels: 'y.npy', scale: '1/255', resize: '32, 30', mean: '0.5,0.4,0.3', std: '0.2', grayscale: true })).toEqual({
      data: 'x.npy',
      labels: 'y.npy',
      calibrationData: undefined,
      calibrationLabels: undefined,
      scale: 1 / 255,
      resize: [32, 30],
      grayscale: true,
      mean: [0.5, 0.4, 0.3],
      std: [0.2],
    });
    expect(() => parseDataFlags({})).toThrow(/^--data is required: mnist/);
    expect(() => parseDataFlags({ data: 'x', scale: 'big' })).toThrow('--scale big: expected a number such as 0.5 or 1/255');
    expect(() => parseDataFlags({ data: 'x', scale: '-1' })).toThrow('--scale -1: expected a positive number');
    expect(() => parseDataFlags({ data: 'x', resize: '28' })).toThrow('--resize 28: expected H,W (two positive integers, e.g. 28,28)');
    expect(() => parseDataFlags({ data: 'x', std: '0,1' })).toThrow('--std 0,1: expected positive numbers');
  });
});
