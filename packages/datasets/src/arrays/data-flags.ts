import { DataFormatError } from './error.js';

/** The data flags of `snn eval`/`convert`, as `node:util` `parseArgs` returns them. */
export interface DataFlags {
  data?: string;
  labels?: string;
  'calibration-data'?: string;
  'calibration-labels'?: string;
  scale?: string;
  resize?: string;
  grayscale?: boolean;
  mean?: string;
  std?: string;
}

/** The flag definitions to spread into a `parseArgs` options object. */
export const DATA_FLAG_OPTIONS = {
  data: { type: 'string' },
  labels: { type: 'string' },
  'calibration-data': { type: 'string' },
  'calibration-labels': { type: 'string' },
  scale: { type: 'string' },
  resize: { type: 'string' },
  grayscale: { type: 'boolean' },
  mean: { type: 'string' },
  std: { type: 'string' },
} as const;

/** Usage text for the flags above. */
export const DATA_FLAGS_USAGE =
  '--data <mnist|fashion-mnist|DIR|x.npz|x.npy --labels y.npy> [--calibration-data SRC [--calibration-labels y.npy]] [--scale S] [--resize H,W] [--grayscale] [--mean M[,M,M]] [--std S[,S,S]]';

const bad = (flag: string, text: string, want: string) => new DataFormatError(`--${flag} ${text}`, `expected ${want}`);

/** A number, or a fraction `a/b` (`1/255`). */
function parseNumber(flag: string, text: string): number {
  const parts = text.split('/').map((s) => Number(s.trim()));
  const v = parts.length === 1 ? parts[0] : parts.length === 2 ? parts[0] / parts[1] : Number.NaN;
  if (!Number.isFinite(v) || text.trim() === '') throw bad(flag, text, 'a number such as 0.5 or 1/255');
  return v;
}

const list = (flag: string, text: string) => text.split(',').map((s) => parseNumber(flag, s));

/**
 * Turns the data flags into typed `DataOptions` fields (`@snn/datasets/node`): `--scale 1/255`, `--resize 32,32`,
 * `--mean 0.485,0.456,0.406`, `--std 0.229,0.224,0.225`.
 *
 * @throws DataFormatError naming the flag and its value
 * @example parseDataFlags({ data: 'x.npy', labels: 'y.npy', scale: '1' }) // { data: 'x.npy', labels: 'y.npy', scale: 1 }
 */
export function parseDataFlags(f: DataFlags) {
  if (!f.data) throw new DataFormatError('--data is required', 'mnist, fashion-mnist, an IDX or image folder, an .npz, or an .npy with --labels');
  const scale = f.scale === undefined ? undefined : parseNumber('scale', f.scale);
  if (scale !== undefined && !(scale > 0)) throw bad('scale', f.scale as string, 'a positive number');
  let resize: [number, number] | undefined;
  if (f.resize !== undefined) {
    const hw = f.resize.split(',').map((s) => Number(s.trim()));
    if (hw.length !== 2 || !hw.every((v) => Number.isInteger(v) && v > 0 && v <= 4096))
      throw bad('resize', f.resize, 'H,W (two positive integers, e.g. 28,28)');
    resize = [hw[0], hw[1]];
  }
  const mean = f.mean === undefined ? undefined : list('mean', f.mean);
  const std = f.std === undefined ? undefined : list('std', f.std);
  if (std?.some((s) => !(s > 0))) throw bad('std', f.std as string, 'positive numbers');
  return {
    data: f.data,
    labels: f.labels,
    calibrationData: f['calibration-data'],
    calibrationLabels: f['calibration-labels'],
    scale,
    resize,
    grayscale: f.grayscale,
    mean,
    std,
  };
}
