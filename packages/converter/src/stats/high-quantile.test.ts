import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@snn/backend';
import { hostValues } from '@snn/graph';
import { topkQuantile } from '../normalization/percentile.js';
import { highQuantile } from './high-quantile.js';
import { quantile } from './quantile.js';

let s = 2024;
const rnd = () => {
  s = (s * 1103515245 + 12345) % 2 ** 31;
  return s / 2 ** 31;
};
/** ReLU-like activations: a share of exact zeros, the rest spread (some quantised, so that ties occur). */
const activations = (n: number, zeros: number, levels = 0) =>
  Float32Array.from({ length: n }, () => (rnd() < zeros ? 0 : levels ? Math.floor(rnd() * levels) / levels : rnd() * rnd() * 5));

describe('highQuantile: quantile bit for bit, for high q on large sets', () => {
  it('equals quantile exactly (===) on ReLU-like sets, with ties, at 99.9 %, 99.99 %, 99 % and a low q', () => {
    for (const [n, zeros, levels] of [
      [9000, 0.4, 0],
      [50000, 0.5, 0],
      [40000, 0.9, 0],
      [30000, 0.3, 16],
      [60001, 0, 0],
    ]) {
      const v = activations(n, zeros, levels);
      const copy = Float32Array.from(v);
      for (const q of [99.9 / 100, 0.9999, 0.99, 0.5, 1]) expect(highQuantile(v, q)).toBe(quantile(v, q));
      expect(v).toEqual(copy); // read only
    }
  });

  it('hand-checked: the 99.9 % point of 0..9999 is 9989.001 (p = 0.999·9999 = 9989.001)', () => {
    const v = Float32Array.from({ length: 10000 }, (_, i) => (i * 7919) % 10000); // a permutation of 0..9999
    expect(highQuantile(v, 0.999)).toBeCloseTo(9989.001, 9);
  });

  it('falls back to plain selection when the sample misjudges (a huge tie at the top) or a NaN is present', () => {
    const tie = new Float32Array(20000).fill(1);
    tie[5] = 2;
    expect(highQuantile(tie, 0.999)).toBe(quantile(tie, 0.999));
    const nan = activations(20000, 0.2);
    nan[19999] = Number.NaN;
    expect(Object.is(highQuantile(nan, 0.999), quantile(nan, 0.999))).toBe(true);
  });
});

describe('the percentile route on a CPU backend (in-place values) against tf.topk', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('reads a wasm tensor in place (no copy) and gives the top-k route’s θ bit for bit', async () => {
    const before = tf.memory().numTensors;
    for (const [n, zeros] of [
      [2163200, 0.4],
      [387200, 0.5],
      [28800, 0.45],
    ]) {
      const t = tf.tensor(activations(n, zeros), [n / 32, 32]);
      const view = hostValues(t) as Float32Array;
      expect(view.length).toBe(n);
      expect(view[7]).toBe(t.dataSync()[7]);
      const q = 99.9 / 100;
      expect(highQuantile(view, q)).toBe(await topkQuantile(t, q));
      t.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
