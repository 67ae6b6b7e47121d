import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { initState } from '../init-state.js';
import { multiStep } from '../multi-step.js';
import type { NeuronParams } from '../types.js';

beforeAll(async () => {
  await initBackend('wasm');
});

/** Runs IF for T steps on a constant input; returns spike trains [T][N], V_T and V_0 as numbers. */
function runConstant(x: number[], T: number, p: NeuronParams) {
  return tf.tidy(() => {
    const s0 = initState([x.length], p);
    const xs = tf.tile(tf.tensor2d([x]), [T, 1]);
    const { state, spikes } = multiStep('IF', s0, xs, p);
    return { spikes: spikes.arraySync() as number[][], vT: Array.from(state.v.dataSync()), v0: Array.from(s0.v.dataSync()) };
  });
}
const spikeTimes = (trains: number[][], i = 0) => trains.flatMap((row, t) => (row[i] > 0 ? [t + 1] : [])); // 1-based t

describe('IF with reset by subtraction (the tutorial neuron)', () => {
  it('θ = 1, x = 0.3: V = 0.3, 0.6, 0.9, 1.2→0.2, 0.5, 0.8, 1.1→0.1, 0.4, 0.7: spikes at t = 4 and 7', () => {
    const r = runConstant([0.3], 9, { vThreshold: 1, vReset: null });
    expect(spikeTimes(r.spikes)).toEqual([4, 7]);
    expect(r.vT[0]).toBeCloseTo(0.7, 6);
  });

  it('fires when V equals θ exactly (V ≥ θ): x = 0.375 hits 3.0 at t = 8', () => {
    // cumulative input 0.375·t; a spike whenever ⌊0.375·t⌋ grows: t = 3, 6, 8, 11, 14, 16; V_16 = 6 − 6 = 0
    const r = runConstant([0.375], 16, { vThreshold: 1, vReset: null });
    expect(spikeTimes(r.spikes)).toEqual([3, 6, 8, 11, 14, 16]);
    expect(r.vT[0]).toBe(0);
  });

  it('starts from V₀ = 0.5·θ: θ = 2, x = 0.75 fires at t = 2, 4, 7, 10, 12, 15 and ends at V_15 = 0.25', () => {
    // V without reset = 1 + 0.75·t; spikes where ⌊(1 + 0.75·t)/2⌋ grows; V_15 = 1 + 11.25 − 6·2 = 0.25
    const r = runConstant([0.75], 15, { vThreshold: 2, vReset: null, v0: { fractionOfThreshold: 0.5 } });
    expect(r.v0[0]).toBe(1);
    expect(spikeTimes(r.spikes)).toEqual([2, 4, 7, 10, 12, 15]);
    expect(r.vT[0]).toBe(0.25);
  });

  it('satisfies r = a − (V_T − V_0)/(T·θ) exactly for every neuron (dyadic inputs, so float32 is exact)', () => {
    const T = 100;
    const theta = 0.5;
    const x = Array.from({ length: 41 }, (_, i) => -0.25 + i / 32); // −0.25 … 1.0 (a = x/θ up to 2)
    const r = runConstant(x, T, { vThreshold: theta, vReset: null, v0: 0.125 });
    x.forEach((xi, i) => {
      const N = r.spikes.reduce((n, row) => n + row[i], 0);
      // the identity times T·θ, so every term is an exact dyadic number: N·θ = T·x − (V_T − V_0)
      expect(N * theta).toBe(T * xi - (r.vT[i] - r.v0[i]));
      expect(N / T).toBeCloseTo(xi / theta - (r.vT[i] - r.v0[i]) / (T * theta), 12);
    });
    // and the rate is ReLU(a) clipped to 1, within 1/T
    x.forEach((xi, i) => {
      const N = r.spikes.reduce((n, row) => n + row[i], 0);
      expect(Math.abs(N / T - Math.min(Math.max(xi / theta, 0), 1))).toBeLessThanOrEqual(1 / T);
    });
  });

  it('never fires for negative input, and V keeps the whole (negative) sum', () => {
    const r = runConstant([-0.25], 8, { vThreshold: 1, vReset: null });
    expect(spikeTimes(r.spikes)).toEqual([]);
    expect(r.vT[0]).toBe(-2);
  });
});

describe('IF with a hard reset', () => {
  it('θ = 1, V_r = 0, x = 0.375: the remainder is thrown away, so spikes come every 3rd step (rate 1/3, not 0.375)', () => {
    const r = runConstant([0.375], 12, { vThreshold: 1, vReset: 0 });
    expect(spikeTimes(r.spikes)).toEqual([3, 6, 9, 12]);
    expect(r.vT[0]).toBe(0);
  });

  it('V_r = −0.5: after a spike V restarts at −0.5 (x = 0.5: 0.5, 1→−0.5, 0, 0.5, 1→−0.5)', () => {
    const r = runConstant([0.5], 5, { vThreshold: 1, vReset: -0.5 });
    expect(spikeTimes(r.spikes)).toEqual([2, 5]);
    expect(r.vT[0]).toBe(-0.5);
  });
});
