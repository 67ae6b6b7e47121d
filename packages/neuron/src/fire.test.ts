import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { fire } from './fire.js';
import { initState } from './init-state.js';
import { multiStep } from './multi-step.js';
import { reset } from './reset.js';

beforeAll(async () => {
  await initBackend('wasm');
});

const arr = (t: tf.Tensor) => {
  const a = Array.from(t.dataSync());
  t.dispose();
  return a;
};

describe('fire', () => {
  it('binary spikes: 1 where H ≥ θ (equality fires), float32', () => {
    const s = fire(tf.tensor1d([-1, 0.5, 0.999, 1, 2.5]), 1);
    expect(s.dtype).toBe('float32');
    expect(arr(s)).toEqual([0, 0, 0, 1, 1]);
  });

  it('multi-level spikes: min(⌊H/θ⌋, maxSpikes), never negative', () => {
    expect(arr(fire(tf.tensor1d([-1, 0.5, 1, 2.5, 3, 7]), 1, 3))).toEqual([0, 0, 1, 2, 3, 3]);
    expect(arr(fire(tf.tensor1d([0.2, 0.5, 1.25]), 0.25, 8))).toEqual([0, 2, 5]);
  });

  it('multi-level spikes keep s·θ ≤ H < (s+1)·θ in float32 even where H/θ rounds across an integer', () => {
    // θ = 0.1 is not a binary fraction, so H/θ rounds; 2000 values k·0.1 ± 1 ulp sit on the boundaries
    const theta = Math.fround(0.1);
    const h: number[] = [];
    for (let k = 1; k <= 500; k++) {
      const b = Math.fround(k * theta);
      h.push(b, Math.fround(b * (1 + 2 ** -23)), Math.fround(b * (1 - 2 ** -23)), Math.fround(k * 0.1));
    }
    const s = arr(fire(tf.tensor1d(h), theta, 1000));
    const bad = h.filter((hi, i) => !(Math.fround(s[i] * theta) <= hi && hi < Math.fround((s[i] + 1) * theta)));
    expect(bad).toEqual([]);
  });

  it('with maxSpikes = 1 the multi-level rule and the binary rule agree', () => {
    const h = [-2, 0, 0.3, 0.99, 1, 1.01, 5];
    expect(arr(fire(tf.tensor1d(h), 1, 1))).toEqual(h.map((v) => (v >= 1 ? 1 : 0)));
  });
});

describe('reset', () => {
  it('by subtraction removes s·θ; a hard reset sets V_r where anything fired', () => {
    const h = tf.tensor1d([0.4, 1.25, 2.5]);
    const s = tf.tensor1d([0, 1, 2]);
    expect(arr(reset(h, s, 1, null))).toEqual([0.4, 0.25, 0.5].map(Math.fround));
    expect(arr(reset(h, s, 1, -0.5))).toEqual([Math.fround(0.4), -0.5, -0.5]);
    tf.dispose([h, s]);
  });
});

describe('multi-level IF over time', () => {
  it('θ = 1, maxSpikes = 3, x = 2.5: H = 2.5→s 2 (V 0.5), 3→s 3 (V 0), 2.5→s 2 ...; N·θ = T·x − (V_T − V_0)', () => {
    const p = { vThreshold: 1, vReset: null, maxSpikes: 3 };
    const r = tf.tidy(() => {
      const out = multiStep('IF', initState([1], p), tf.fill([5, 1], 2.5), p);
      return { s: Array.from(out.spikes.dataSync()), v: out.state.v.dataSync()[0] };
    });
    expect(r.s).toEqual([2, 3, 2, 3, 2]);
    expect(r.v).toBe(0.5);
    expect(12 * 1).toBe(5 * 2.5 - (r.v - 0));
  });

  it('caps at maxSpikes and lets the rest accumulate: x = 5, cap 3 → V grows by 2 a step', () => {
    const p = { vThreshold: 1, vReset: null, maxSpikes: 3 };
    const v = tf.tidy(() => multiStep('IF', initState([1], p), tf.fill([4, 1], 5), p).state.v.dataSync()[0]);
    expect(v).toBe(8);
  });
});
