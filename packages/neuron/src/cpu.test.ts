import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { initState } from './init-state.js';
import { multiStep } from './multi-step.js';
import type { NeuronParams } from './types.js';

// The other files run on wasm; these hand-derived cases check that cpu gives the very same numbers.
beforeAll(async () => {
  await initBackend('cpu');
});

function run(model: string, x: number, T: number, p: NeuronParams) {
  return tf.tidy(() => {
    const r = multiStep(model, initState([1], p), tf.fill([T, 1], x), p);
    return { s: Array.from(r.spikes.dataSync()), v: r.state.v.dataSync()[0] };
  });
}

describe('on the cpu backend', () => {
  it('runs on cpu', () => {
    expect(tf.getBackend()).toBe('cpu');
  });

  it('IF, soft reset, θ = 1, x = 0.375: spikes at t = 3, 6, 8 (V = θ fires), V_8 = 0', () => {
    const r = run('IF', 0.375, 8, { vThreshold: 1, vReset: null });
    expect(r.s).toEqual([0, 0, 1, 0, 0, 1, 0, 1]);
    expect(r.v).toBe(0);
  });

  it('IF, V₀ = 0.5·θ, θ = 2, x = 0.75: spikes at t = 2, 4, 7; V_7 = 1 + 7·0.75 − 3·2 = 0.25', () => {
    const r = run('IF', 0.75, 7, { vThreshold: 2, vReset: null, v0: { fractionOfThreshold: 0.5 } });
    expect(r.s).toEqual([0, 1, 0, 1, 0, 0, 1]);
    expect(r.v).toBe(0.25);
  });

  it('multi-level IF, cap 3, x = 2.5: 2, 3, 2; LIF τ = 2, x = 1.5: every 2nd step', () => {
    expect(run('IF', 2.5, 3, { vThreshold: 1, vReset: null, maxSpikes: 3 }).s).toEqual([2, 3, 2]);
    expect(run('LIF', 1.5, 4, { vThreshold: 1, vReset: 0, tau: 2 }).s).toEqual([0, 1, 0, 1]);
  });
});
