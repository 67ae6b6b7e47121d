import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzipNode } from '../node/gunzip.js';
import { gunzipWeb, isGzip } from './gzip.js';
import { parseIdxSplit } from './split.js';
import { idxBytes } from '../../test/idx-bytes.js';

const pixels = Array.from({ length: 2 * 3 * 4 }, (_, i) => i * 10);
const images = idxBytes(0x803, [2, 3, 4], pixels);
const labels = idxBytes(0x801, [2], [7, 3]);

describe('parseIdxSplit', () => {
  it('builds a Split of shape [rows, cols, 1]', async () => {
    const s = await parseIdxSplit({ bytes: images, file: 'a' }, { bytes: labels, file: 'b' });
    expect(s.n).toBe(2);
    expect(s.shape).toEqual([3, 4, 1]);
    expect(Array.from(s.labels)).toEqual([7, 3]);
    expect(s.images[23]).toBe(Math.fround(230 / 255));
  });

  for (const [name, gunzip] of [
    ['DecompressionStream', gunzipWeb],
    ['zlib', gunzipNode],
  ] as const) {
    it(`detects gzip by its magic and inflates it (${name})`, async () => {
      const gz = gzipSync(images);
      expect(isGzip(gz)).toBe(true);
      expect(isGzip(images)).toBe(false);
      const s = await parseIdxSplit({ bytes: gz, file: 'a.gz' }, { bytes: gzipSync(labels), file: 'b.gz' }, gunzip);
      expect(Array.from(s.images)).toEqual(pixels.map((p) => Math.fround(p / 255)));
    });

    it(`names the file when gzip data is cut short (${name})`, async () => {
      const gz = gzipSync(images);
      const err = await parseIdxSplit({ bytes: gz.subarray(0, 20), file: 'train-images-idx3-ubyte.gz' }, { bytes: labels, file: 'b' }, gunzip).catch((e) => e);
      expect(err.message).toMatch(/^train-images-idx3-ubyte\.gz: corrupt or truncated gzip data/);
    });
  }

  it('rejects image/label count mismatch, naming both files', async () => {
    const three = idxBytes(0x801, [3], [1, 2, 3]);
    const err = await parseIdxSplit({ bytes: images, file: 'train-images-idx3-ubyte' }, { bytes: three, file: 'train-labels-idx1-ubyte' }).catch((e) => e);
    expect(err.message).toBe('train-labels-idx1-ubyte: has 3 labels but train-images-idx3-ubyte has 2 images');
  });
});
