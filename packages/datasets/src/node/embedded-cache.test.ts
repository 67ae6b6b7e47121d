import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DigitSet } from '../embedded/binary.js';
import { cachedDigitSet, digitCachePath } from './embedded-cache.js';
import { embeddedMnistDigitsDir, readEmbeddedMnistDigits } from './embedded-mnist.js';

const tiny = (): DigitSet => ({ digits: [Float32Array.from([0, 0.001, 0.5, 1]), Float32Array.from([0.999, 0.25, 0.123, 0])], rows: 2, cols: 2 });

describe('cachedDigitSet', () => {
  it('parses on a miss and writes the cache; the next call decodes the same floats without parsing', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'snn-cache-')), 'sub', 'd.snnm');
    let parses = 0;
    const parse = async () => {
      parses++;
      return tiny();
    };
    const first = await cachedDigitSet(path, parse);
    const second = await cachedDigitSet(path, parse);
    expect(parses).toBe(1);
    expect(second.digits.map((d) => Array.from(d))).toEqual(first.digits.map((d) => Array.from(d)));
    expect([second.rows, second.cols]).toEqual([2, 2]);
  });

  it('parses again, and rewrites, when the cache file is torn', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'snn-cache-')), 'd.snnm');
    await cachedDigitSet(path, async () => tiny());
    const whole = readFileSync(path);
    writeFileSync(path, whole.subarray(0, whole.length - 3));
    let parses = 0;
    const again = await cachedDigitSet(path, async () => {
      parses++;
      return tiny();
    });
    expect(parses).toBe(1);
    expect(Array.from(again.digits[1])).toEqual(Array.from(tiny().digits[1]));
    expect(readFileSync(path).equals(whole)).toBe(true);
  });

  it('keys the file by the sources: another set of files gives another path', () => {
    const dir = embeddedMnistDigitsDir();
    const all = Array.from({ length: 10 }, (_, d) => join(dir, `${d}.json`));
    expect(digitCachePath(all, '/c')).toMatch(/^\/c\/mnist-digits-[0-9a-f]{8}\.snnm$/);
    expect(digitCachePath(all.slice(1), '/c')).not.toBe(digitCachePath(all, '/c'));
  });

  it('the embedded MNIST read through the cache is bit-identical to the JSON', async () => {
    const { digits } = await readEmbeddedMnistDigits();
    const json = JSON.parse(readFileSync(join(embeddedMnistDigitsDir(), '7.json'), 'utf8')).data as number[];
    expect(Buffer.from(digits[7].buffer).equals(Buffer.from(Float32Array.from(json).buffer))).toBe(true);
  });
});
