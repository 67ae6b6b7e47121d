import { describe, expect, it } from 'vitest';
import { IdxFormatError } from './error.js';
import { parseIdxImages } from './images.js';
import { parseIdxLabels } from './labels.js';
import { idxBytes } from '../../test/idx-bytes.js';

describe('IDX images and labels', () => {
  it('decodes a 3×2×2 idx3 file big-endian, pixels / 255', () => {
    const bytes = idxBytes(0x803, [3, 2, 2], [0, 255, 51, 102, 1, 2, 3, 4, 200, 100, 50, 25]);
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0, 0, 8, 3, 0, 0, 0, 3]);
    const img = parseIdxImages(bytes, 'mini-images');
    expect(img).toMatchObject({ n: 3, rows: 2, cols: 2 });
    expect(Array.from(img.pixels.subarray(0, 4))).toEqual([0, 1, Math.fround(0.2), Math.fround(0.4)]);
    expect(img.pixels[8]).toBe(Math.fround(200 / 255));
  });

  it('reads counts above 255 as big-endian uint32 (60000 = 0x0000ea60)', () => {
    const labels = parseIdxLabels(idxBytes(0x801, [60000], new Uint8Array(60000).fill(7)), 'big-labels');
    expect(labels.length).toBe(60000);
    expect(labels[59999]).toBe(7);
  });

  it('names the file and the wrong magic (labels handed to the image parser)', () => {
    const bytes = idxBytes(0x801, [2], [3, 4]);
    expect(() => parseIdxImages(bytes, 'train-images-idx3-ubyte')).toThrow(
      'train-images-idx3-ubyte: wrong magic number 0x00000801, expected 0x00000803 (idx3 image file of unsigned bytes)',
    );
    expect(() => parseIdxImages(bytes, 'x')).toThrow(IdxFormatError);
  });

  it('rejects another data type: float idx3 (0x00000d03)', () => {
    expect(() => parseIdxImages(idxBytes(0xd03, [1, 1, 1], [0, 0, 0, 0]), 'f.idx')).toThrow(/f\.idx: wrong magic number 0x00000d03/);
  });

  it('rejects files too short for the magic or the header', () => {
    expect(() => parseIdxLabels(new Uint8Array([0, 0, 8]), 'l')).toThrow('l: truncated: 3 bytes, too short for the 4-byte IDX magic number');
    expect(() => parseIdxImages(idxBytes(0x803, [5, 28, 28], []).subarray(0, 10), 'i')).toThrow('i: truncated header: 10 bytes, the 3 dimension sizes need 16');
  });

  it('rejects truncated data with the numbers involved', () => {
    const bytes = idxBytes(0x803, [2, 28, 28], new Uint8Array(784 + 100));
    expect(() => parseIdxImages(bytes, 't10k-images-idx3-ubyte')).toThrow(
      't10k-images-idx3-ubyte: truncated: dimensions [2, 28, 28] need 1568 data bytes after the 16-byte header, found 884',
    );
  });

  it('rejects trailing bytes', () => {
    expect(() => parseIdxLabels(idxBytes(0x801, [3], [1, 2, 3, 4, 5]), 'lab')).toThrow(
      'lab: 2 unexpected trailing bytes after the 3 data bytes of dimensions [3]',
    );
  });

  it('rejects a zero image height or width, but accepts an empty file', () => {
    expect(() => parseIdxImages(idxBytes(0x803, [4, 28, 0], []), 'img')).toThrow('img: bad dimensions [4, 28, 0]: dimension 2 is 0');
    expect(() => parseIdxImages(idxBytes(0x803, [0, 0, 28], []), 'img')).toThrow('img: bad dimensions [0, 0, 28]: dimension 1 is 0');
    expect(parseIdxImages(idxBytes(0x803, [0, 28, 28], []), 'empty').n).toBe(0);
  });

  it('the error carries file and fault separately', () => {
    const err = (() => {
      try {
        parseIdxLabels(idxBytes(0x803, [1, 1, 1], [9]), 'labels.idx');
      } catch (e) {
        return e as IdxFormatError;
      }
    })();
    expect(err?.file).toBe('labels.idx');
    expect(err?.fault).toMatch(/^wrong magic number 0x00000803, expected 0x00000801/);
  });
});
