import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { DEBIAN_FASHION_MNIST_DIR, loadDataset, loadIdxDirectory } from '../src/node.js';
import { idxBytes } from './idx-bytes.js';
import { firstMismatch } from './same-floats.js';

const haveFashion = existsSync(DEBIAN_FASHION_MNIST_DIR);
if (!haveFashion) console.warn(`skipping Fashion-MNIST tests: ${DEBIAN_FASHION_MNIST_DIR} is absent (apt-get install dataset-fashion-mnist)`);

/** Σ round(255 · pixel) over a split: recovers the byte sum of the file. */
const byteSum = (a: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.round(a[i] * 255);
  return s;
};

describe.skipIf(!haveFashion)("Fashion-MNIST from Debian's dataset-fashion-mnist (gzipped IDX)", () => {
  // Expected numbers computed independently with Python (gzip + struct + numpy) on the same files.
  it('loads 60,000 train and 10,000 test images of [28, 28, 1] with the right labels and pixels', async () => {
    const { train, test } = await loadDataset('fashion-mnist');
    expect([train.n, test.n]).toEqual([60000, 10000]);
    expect(train.shape).toEqual([28, 28, 1]);
    expect(train.images.length).toBe(60000 * 784);
    expect(Array.from(train.labels.subarray(0, 10))).toEqual([9, 0, 0, 3, 0, 2, 7, 2, 5, 5]);
    expect(Array.from(test.labels.subarray(0, 10))).toEqual([9, 2, 1, 1, 6, 1, 4, 6, 5, 7]);
    const perClass = (l: Uint8Array) => Array.from({ length: 10 }, (_, c) => l.filter((x) => x === c).length);
    expect(perClass(train.labels)).toEqual(Array(10).fill(6000));
    expect(perClass(test.labels)).toEqual(Array(10).fill(1000));
    expect(byteSum(train.images)).toBe(3431114169);
    expect(byteSum(test.images)).toBe(573469082);
    expect(byteSum(test.images.subarray(0, 784))).toBe(33456);
    expect(test.images[577]).toBe(1);
    expect(Math.max(...test.images.subarray(0, 784))).toBe(1);
  });

  it("equals the inputs Python's IDX reader wrote into the ONNX fixtures (vgg_fashion, 16 test images)", async () => {
    const ref = JSON.parse(readFileSync(new URL('../../onnx/test/fixtures/vgg_fashion.reference.json', import.meta.url), 'utf8'));
    const { test } = await loadIdxDirectory(DEBIAN_FASHION_MNIST_DIR);
    expect(ref.inputs.shape).toEqual([16, 1, 28, 28]);
    const want = Float32Array.from(ref.inputs.data as number[]);
    (ref.test_indices as number[]).forEach((k, i) => {
      expect(test.labels[k]).toBe(ref.labels[i]);
      expect(firstMismatch(test.images.subarray(k * 784, (k + 1) * 784), want.subarray(i * 784, (i + 1) * 784))).toBe(-1);
    });
  });
});

describe('loadIdxDirectory on files we write', () => {
  const dirs: string[] = [];
  const tmp = async () => {
    const d = await mkdtemp(join(tmpdir(), 'snn-idx-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true }))));

  const write = async (dir: string, files: Record<string, Uint8Array>) => {
    for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, name), bytes);
  };

  it('mixes plain and gzipped files', async () => {
    const dir = await tmp();
    await write(dir, {
      'train-images-idx3-ubyte': idxBytes(0x803, [2, 2, 2], [0, 51, 102, 153, 204, 255, 0, 0]),
      'train-labels-idx1-ubyte.gz': gzipSync(idxBytes(0x801, [2], [4, 9])),
      't10k-images-idx3-ubyte.gz': gzipSync(idxBytes(0x803, [1, 2, 2], [255, 0, 0, 255])),
      't10k-labels-idx1-ubyte': idxBytes(0x801, [1], [1]),
    });
    const { train, test } = await loadIdxDirectory(dir);
    expect(train.shape).toEqual([2, 2, 1]);
    expect(Array.from(train.images)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1, 0, 0].map(Math.fround));
    expect(Array.from(train.labels)).toEqual([4, 9]);
    expect(Array.from(test.images)).toEqual([1, 0, 0, 1]);
  });

  it('lists the missing files', async () => {
    const dir = await tmp();
    await write(dir, { 'train-images-idx3-ubyte': idxBytes(0x803, [0, 28, 28], []) });
    await expect(loadIdxDirectory(dir)).rejects.toThrow(
      `${dir}: not an IDX dataset directory, missing train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]`,
    );
    await expect(loadDataset(join(dir, 'nope'))).rejects.toThrow(/nope: not a directory/);
  });

  it('names the full path of a malformed file', async () => {
    const dir = await tmp();
    await write(dir, {
      'train-images-idx3-ubyte': idxBytes(0x803, [2, 2, 2], new Uint8Array(8)),
      'train-labels-idx1-ubyte': idxBytes(0x801, [2], [1, 2]),
      't10k-images-idx3-ubyte.gz': gzipSync(idxBytes(0x803, [3, 2, 2], new Uint8Array(11))),
      't10k-labels-idx1-ubyte': idxBytes(0x801, [3], [1, 2, 3]),
    });
    await expect(loadIdxDirectory(dir)).rejects.toThrow(
      `${join(dir, 't10k-images-idx3-ubyte.gz')}: truncated: dimensions [3, 2, 2] need 12 data bytes after the 16-byte header, found 11`,
    );
  });
});
