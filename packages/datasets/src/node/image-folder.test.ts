import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstMismatch } from '../../test/same-floats.js';
import { userDataReference, userFixture } from '../../test/user-fixtures.js';
import { readNpzSplit } from './read-arrays.js';
import { readImageFolder } from './image-folder.js';

const ref = userDataReference();

describe('readImageFolder (torchvision ImageFolder layout)', () => {
  it('reads 200 PNG and JPEG images; sorted class folders are the labels; pixels as the .npz holds them', async () => {
    const { split, classes, files } = await readImageFolder(userFixture('images', 'test'));
    const npz = await readNpzSplit(userFixture('fashion_test.npz'));
    expect(classes).toEqual(ref.classes);
    expect([split.n, split.shape]).toEqual([200, [28, 28, 1]]);
    let jpegWorst = 0;
    let jpegs = 0;
    files.forEach((file, k) => {
      const i = Number(basename(file).slice(0, 3)); // the script names image i of the .npz "<i>.png|jpg"
      expect(split.labels[k]).toBe(npz.labels[i]);
      const a = split.images.subarray(k * 784, (k + 1) * 784);
      const b = npz.images.subarray(i * 784, (i + 1) * 784);
      if (file.endsWith('.png')) expect(firstMismatch(a, b)).toBe(-1);
      else {
        jpegs++;
        for (let p = 0; p < 784; p++) jpegWorst = Math.max(jpegWorst, Math.abs(a[p] - b[p]) * 255);
      }
    });
    expect(jpegs).toBe(50);
    // jpeg-js and libjpeg (PIL) may round the inverse DCT differently: at most one grey level here.
    expect(Math.round(jpegWorst)).toBeLessThanOrEqual(1); // measured: 1 grey level
  });

  it('--grayscale then --resize matches PIL convert("L") and PyTorch antialiased bilinear', async () => {
    const { split, files } = await readImageFolder(userFixture('images_rgb'), { grayscale: true, resize: [28, 28] });
    expect(split.shape).toEqual([28, 28, 1]);
    let worst = 0;
    ref.resize.forEach((r, k) => {
      expect(files[k].endsWith(r.file)).toBe(true);
      const got = split.images.subarray(k * 784, (k + 1) * 784);
      for (let p = 0; p < 784; p++) worst = Math.max(worst, Math.abs(got[p] - r.resized[p]));
    });
    expect(worst).toBeLessThan(1e-5);
  });

  it('keeps RGB as 3 channels without --grayscale; sizes must agree without --resize', async () => {
    const { split } = await readImageFolder(userFixture('images_rgb'), { resize: [10, 12] });
    expect(split.shape).toEqual([10, 12, 3]);
    await expect(readImageFolder(userFixture('images_rgb'))).rejects.toThrow(
      /2-Pullover\/3\.png: is 35×28 but .*2-Pullover\/2\.png is 56×56; pass --resize H,W$/,
    );
  });

  it('names the corrupt image, the empty class, the folder without classes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-folder-'));
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    copyFileSync(userFixture('images', 'test', ref.classes[0], '017.png'), join(dir, 'a', 'ok.png'));
    const png = readFileSync(join(dir, 'a', 'ok.png'));
    writeFileSync(join(dir, 'b', 'cut.png'), png.subarray(0, 60));
    await expect(readImageFolder(dir)).rejects.toThrow(new RegExp(`^${join(dir, 'b', 'cut.png')}: corrupt image: `));
    writeFileSync(join(dir, 'b', 'cut.png'), 'not an image');
    await expect(readImageFolder(dir)).rejects.toThrow(`${join(dir, 'b', 'cut.png')}: is neither a PNG nor a JPEG (by its first bytes)`);
    writeFileSync(join(dir, 'b', 'cut.png'), png);
    mkdirSync(join(dir, 'c'));
    writeFileSync(join(dir, 'c', 'notes.txt'), 'x');
    await expect(readImageFolder(dir)).rejects.toThrow(`${join(dir, 'c')}: class folder has no .png/.jpg/.jpeg images`);
    await expect(readImageFolder(join(dir, 'a'))).rejects.toThrow(`${join(dir, 'a')}: has no class subfolders`);
  });
});
