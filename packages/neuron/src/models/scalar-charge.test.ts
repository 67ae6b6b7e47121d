// Every model's scalar charge (what the simulator's JS kernels run) equals its tensor charge bit for
// bit, and fireScalar equals fire, on inputs with ties and on every parameter setting.
import { initBackend } from '@snn/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fire } from '../fire.js';
import { fireScalar } from '../fire-scalar.js';
import type { NeuronParams } from '../types.js';
import { builtinModels } from './index.js';

beforeAll(async () => {
  await initBackend('wasm');
});

/** Values in [lo, hi) from a linear congruential generator, every 4th a multiple of 1/8 (exact ties). */
function values(n: number, seed: number, lo: number, hi: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, (_, i) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = lo + ((hi - lo) * s) / 2 ** 32;
    return i % 4 === 0 ? Math.round(u * 8) / 8 : u;
  });
}

const settings: NeuronParams[] = [
  { vThreshold: 1, vReset: null },
  { vThreshold: 1, vReset: 0, tau: 2 },
  { vThreshold: 0.7, vReset: -0.2, tau: 3, decayInput: false },
  { vThreshold: 0.5, vReset: 0.1, tau: 1.5, decayInput: true },
  { vThreshold: 1.3, vReset: null, tau: 4, decayInput: false },
];

describe('scalar charge = tensor charge, bit for bit', () => {
  for (const model of builtinModels) {
    it(model.name, () => {
      const v = values(4000, 3, -1.5, 2);
      const x = values(4000, 9, -1, 2);
      for (const p of settings) {
        const want = tf.tidy(() => model.charge(tf.tensor1d(v), tf.tensor1d(x), p).dataSync());
        const charge = model.scalarCharge?.(p);
        expect(charge, model.name).toBeDefined();
        const got = Float32Array.from(v, (vi, i) => (charge as (a: number, b: number) => number)(vi, x[i]));
        expect([...got], JSON.stringify(p)).toEqual([...want]);
      }
    });
  }
});

describe('fireScalar = fire', () => {
  for (const m of [1, 2, 3, 8]) {
    it(`maxSpikes ${m}`, () => {
      const h = values(4000, 5, -0.5, 3);
      for (const theta of [1, 0.3, 0.7]) {
        const want = tf.tidy(() => fire(tf.tensor1d(h), theta, m).dataSync());
        expect(Array.from(h, (hi) => fireScalar(hi, Math.fround(theta), m))).toEqual([...want]);
      }
    });
  }
});
