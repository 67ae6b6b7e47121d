import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { initState } from '../init-state.js';
import { multiStep } from '../multi-step.js';
import type { NeuronParams } from '../types.js';

beforeAll(async () => {
  await initBackend('wasm');
});

const f = Math.fround;

/** The LIF neuron as a plain scalar loop, rounding to float32 after each operation like the tensors do. */
function scalarLif(x: number[][], p: Required<Pick<NeuronParams, 'tau' | 'decayInput'>> & NeuronParams) {
  const theta = p.vThreshold as number;
  const vr = p.vReset ?? 0;
  let v = x[0].map(() => 0);
  const spikes: number[][] = [];
  for (const xt of x) {
    const h = v.map((vi, i) => {
      const leak = f(vi - vr);
      return p.decayInput ? f(vi + f(f(f(xt[i]) - leak) / p.tau)) : f(f(vi - f(leak / p.tau)) + f(xt[i]));
    });
    const s = h.map((hi) => (hi >= f(theta) ? 1 : 0));
    v = h.map((hi, i) => (p.vReset === null ? f(hi - f(s[i] * f(theta))) : s[i] ? p.vReset : hi));
    spikes.push(s);
  }
  return { spikes, v };
}

/** A reproducible input in [lo, hi) (a linear congruential generator; no Math.random in tests). */
function lcgInput(T: number, n: number, lo: number, hi: number, seed = 7): number[][] {
  let s = seed;
  return Array.from({ length: T }, () =>
    Array.from({ length: n }, () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return lo + ((hi - lo) * s) / 2147483648;
    }),
  );
}

function runLif(x: number[][], p: NeuronParams) {
  return tf.tidy(() => {
    const { state, spikes } = multiStep('LIF', initState([x[0].length], p), tf.tensor2d(x), p);
    return { spikes: spikes.arraySync() as number[][], v: Array.from(state.v.dataSync()) };
  });
}

describe('LIF', () => {
  it('τ = 2, decayInput, V_r = 0, x = 1.5: H = 0.75, then 0.75 + (1.5 − 0.75)/2 = 1.125 fires: every 2nd step', () => {
    const r = runLif([[1.5], [1.5], [1.5], [1.5], [1.5]], { vThreshold: 1, vReset: 0, tau: 2 });
    expect(r.spikes.map((s) => s[0])).toEqual([0, 1, 0, 1, 0]);
    expect(r.v[0]).toBe(0.75);
  });

  it('τ = 2, no input decay, x = 0.6: H = 0.6, 0.3 + 0.6 = 0.9, 0.45 + 0.6 = 1.05 fires: every 3rd step', () => {
    const r = runLif(Array(6).fill([0.6]), { vThreshold: 1, vReset: 0, tau: 2, decayInput: false });
    expect(r.spikes.map((s) => s[0])).toEqual([0, 0, 1, 0, 0, 1]);
    expect(r.v[0]).toBe(0);
  });

  it('leaks: without input the potential halves each step (τ = 2) towards 0', () => {
    const p: NeuronParams = { vThreshold: 1, vReset: null, tau: 2, v0: 0.8 };
    const v = tf.tidy(() => Array.from(multiStep('LIF', initState([1], p), tf.zeros([3, 1]), p).state.v.dataSync()));
    expect(v[0]).toBeCloseTo(0.1, 7);
  });

  it('equals a plain scalar loop for every setting (random inputs, 16 neurons, 60 steps)', () => {
    const x = lcgInput(60, 16, -0.5, 2);
    const settings = [
      { vThreshold: 1, vReset: 0, tau: 2, decayInput: true },
      { vThreshold: 1, vReset: null, tau: 2, decayInput: true },
      { vThreshold: 0.7, vReset: null, tau: 4, decayInput: false },
      { vThreshold: 1.3, vReset: -0.2, tau: 3, decayInput: false },
      { vThreshold: 1, vReset: 0, tau: 1, decayInput: true },
    ];
    for (const p of settings) {
      const got = runLif(x, p);
      const want = scalarLif(x, p);
      const fired = want.spikes.flat().reduce((a, b) => a + b, 0);
      expect(fired, JSON.stringify(p)).toBeGreaterThan(30); // the comparison covers firing and resets
      expect(got.spikes, JSON.stringify(p)).toEqual(want.spikes);
      for (const [i, vi] of got.v.entries()) expect(vi).toBeCloseTo(want.v[i], 6);
    }
  });

  it('τ = 1 with decayInput keeps only the current input: H = V_r + X', () => {
    const r = runLif([[0.4], [0.4], [0.4]], { vThreshold: 1, vReset: 0, tau: 1 });
    expect(r.spikes.flat()).toEqual([0, 0, 0]);
    expect(r.v[0]).toBeCloseTo(0.4, 7);
  });
});
