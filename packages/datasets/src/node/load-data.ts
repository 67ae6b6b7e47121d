import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DataFormatError } from '../arrays/error.js';
import { normalizeSplit, type Normalization } from '../arrays/normalize.js';
import type { ImageOptions } from '../image/to-split.js';
import { validationSplit } from '../subset/validation.js';
import type { Dataset, Split } from '../types.js';
import { isImageFolder, readImageFolder } from './image-folder.js';
import { loadDataset } from './load-dataset.js';
import { readNpyPairSplit, readNpzData } from './read-arrays.js';

/** Share of a single set (no train/test of its own, no `calibrationData`) held out as the test split. */
export const SINGLE_SET_TEST_FRACTION = 0.3;

/** Where the data is and how to read it (the `snn` flags of the same names). */
export interface DataOptions extends ImageOptions, Normalization {
  /** `mnist`, `fashion-mnist`, an IDX folder, an ImageFolder root (or a folder with `train/` and `test/` ones), an `.npz` (`x`, `y`; or `x_train`, `y_train`, `x_test`, `y_test`), or an `.npy` of images. */
  data: string;
  /** Labels `.npy` for an `.npy` of images. */
  labels?: string;
  /** A separate calibration set, in any of the forms of `data` (an IDX folder gives its train split). */
  calibrationData?: string;
  calibrationLabels?: string;
  /** Seed of the split of a single set (default 0). */
  seed?: number;
}

/** The data as train (calibration) and test splits, and a sentence on where each came from. */
export interface LoadedData {
  dataset: Dataset;
  note: string;
  /** True when the test split was carved out of a single set here (worth telling the user). */
  carved: boolean;
}

type Source = { kind: 'dataset'; dataset: Dataset } | { kind: 'single'; split: Split };
const NAMED = new Set(['mnist', 'fashion-mnist']);

/** Reads one source in any supported form; image options only apply where images are decoded. */
async function readSource(path: string, labels: string | undefined, flag: string, o: DataOptions): Promise<Source> {
  const isDir = !NAMED.has(path) && (await stat(path).catch(() => null))?.isDirectory();
  const arrays = /\.np[yz]$/i.test(path);
  const folder = isDir && (await isImageFolder(path));
  const splitFolders = isDir && !folder && (await isImageFolder(join(path, 'train'))) && (await isImageFolder(join(path, 'test')));
  if (!folder && !splitFolders && (o.resize || o.grayscale))
    throw new DataFormatError(`${flag} ${path}`, '--resize and --grayscale apply to image folders only');
  if (!arrays && !folder && !splitFolders && o.scale !== undefined)
    throw new DataFormatError(`${flag} ${path}`, '--scale applies to .npy/.npz arrays and image folders only');
  if (labels !== undefined && !/\.npy$/i.test(path)) throw new DataFormatError(`${flag} ${path}`, 'a labels file goes with an .npy of images only');
  if (folder) return { kind: 'single', split: (await readImageFolder(path, o)).split };
  if (/\.npz$/i.test(path)) {
    const got = await readNpzData(path, o.scale);
    return 'dataset' in got ? { kind: 'dataset', dataset: got.dataset } : { kind: 'single', split: got.split };
  }
  if (/\.npy$/i.test(path)) {
    if (labels === undefined)
      throw new DataFormatError(`${flag} ${path}`, `an .npy of images needs its labels: ${flag === '--data' ? '--labels' : '--calibration-labels'} y.npy`);
    return { kind: 'single', split: await readNpyPairSplit(path, labels, o.scale) };
  }
  if (splitFolders) {
    const [train, test] = [(await readImageFolder(join(path, 'train'), o)).split, (await readImageFolder(join(path, 'test'), o)).split];
    return { kind: 'dataset', dataset: { train, test } };
  }
  if (NAMED.has(path) || isDir) return { kind: 'dataset', dataset: await loadDataset(path) };
  throw new DataFormatError(
    `${flag} ${path}`,
    'no such directory or .npz/.npy file (use mnist, fashion-mnist, an IDX or image folder, .npz, or .npy with --labels)',
  );
}

const sameShape = (a: Split, b: Split) => a.shape.join(',') === b.shape.join(',');

/**
 * Loads train (calibration) and test splits from the forms `snn --data` accepts, normalised with
 * `mean`/`std` if given. Test: the set's test split (named sets, IDX folders) or the whole set (an
 * `.npz`, `.npy` pair, image folder). Train: `calibrationData` if given (its train split, or all of
 * it), else the set's train split, else — for a single set — the rest after a class-stratified,
 * seeded {@link SINGLE_SET_TEST_FRACTION} of it is held out as test (stated in `note`). Node only.
 *
 * @throws DataFormatError naming the file or flag at fault
 * @example const { dataset, note } = await loadData({ data: 'test.npz', calibrationData: 'train.npz' });
 */
export async function loadData(o: DataOptions): Promise<LoadedData> {
  if (o.calibrationLabels !== undefined && o.calibrationData === undefined) throw new DataFormatError('--calibration-labels', 'needs --calibration-data');
  const main = await readSource(o.data, o.labels, '--data', o);
  const cal = o.calibrationData === undefined ? undefined : await readSource(o.calibrationData, o.calibrationLabels, '--calibration-data', o);
  let train: Split;
  let test: Split;
  let note: string;
  let carved = false;
  const calSplit = cal && (cal.kind === 'dataset' ? cal.dataset.train : cal.split);
  if (main.kind === 'dataset') {
    test = main.dataset.test;
    train = calSplit ?? main.dataset.train;
    note = `test: the test split of ${o.data} (${test.n}); calibration: ${calSplit ? o.calibrationData : `its train split`} (${train.n})`;
  } else if (calSplit) {
    test = main.split;
    train = calSplit;
    note = `test: all of ${o.data} (${test.n}); calibration: ${o.calibrationData} (${train.n})`;
  } else {
    const seed = o.seed ?? 0;
    const parts = validationSplit(main.split, { fraction: SINGLE_SET_TEST_FRACTION, seed });
    test = parts.validation;
    train = parts.calibration;
    carved = true;
    note = `test: a class-stratified ${100 * SINGLE_SET_TEST_FRACTION} % of ${o.data} (${test.n} of ${main.split.n}, seed ${seed}); calibration: the other ${train.n} (pass --calibration-data to use all of it as test)`;
  }
  if (!sameShape(train, test))
    throw new DataFormatError(
      `--calibration-data ${o.calibrationData}`,
      `samples are [${train.shape.join(', ')}] but --data's are [${test.shape.join(', ')}] (NHWC)`,
    );
  const norm = (s: Split) => normalizeSplit(s, o);
  return { dataset: { train: norm(train), test: norm(test) }, note, carved };
}
