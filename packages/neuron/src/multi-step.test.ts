import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { initState } from './init-state.js';
import { multiStep } from './multi-step.js';
import { step } from './step.js';
import type { NeuronParams } from './types.js';

beforeAll(async () => {
  await initBackend('wasm');
});

/** T single steps by hand, the caller freeing each old state. */
function singleSteps(model: string, xSeq: tf.Tensor, p: NeuronParams) {
  const xs = tf.unstack(xSeq);
  let state = initState(xs[0].shape, p);
  const spikes: tf.Tensor[] = [];
  for (const x of xs) {
    const r = step(model, state, x, p);
    state.v.dispose();
    state = r.state;
    spikes.push(r.spikes);
  }
  const stacked = tf.stack(spikes);
  tf.dispose([...xs, ...spikes]);
  return { state, spikes: stacked };
}

describe('multiStep equals T single steps, bit for bit', () => {
  const cases: Array<[string, NeuronParams]> = [
    ['IF', { vThreshold: 1, vReset: null, v0: { fractionOfThreshold: 0.5 } }],
    ['IF', { vThreshold: 0.8, vReset: 0, maxSpikes: 1 }],
    ['IF', { vThreshold: 0.5, vReset: null, maxSpikes: 4 }],
    ['LIF', { vThreshold: 1, vReset: null, tau: 3, decayInput: false }],
  ];
  for (const [model, p] of cases) {
    it(`${model} ${JSON.stringify(p)} on [T=20, B=2, 3, 4]`, () => {
      const xSeq = tf.randomUniform([20, 2, 3, 4], -0.5, 2, 'float32', 42);
      const a = multiStep(model, initState([2, 3, 4], p), xSeq, p);
      const b = singleSteps(model, xSeq, p);
      expect(a.spikes.shape).toEqual([20, 2, 3, 4]);
      expect(Array.from(a.spikes.dataSync())).toEqual(Array.from(b.spikes.dataSync()));
      expect(Array.from(a.state.v.dataSync())).toEqual(Array.from(b.state.v.dataSync()));
      expect(tf.sum(a.spikes).dataSync()[0]).toBeGreaterThan(100); // some firing to compare
      tf.dispose([xSeq, a.spikes, a.state.v, b.spikes, b.state.v]);
    });
  }

  it('a per-channel θ tensor broadcasts in both', () => {
    const theta = tf.tensor1d([0.25, 0.5, 1, 2]);
    const p = { vThreshold: theta, vReset: null, v0: { fractionOfThreshold: 0.5 } };
    const xSeq = tf.randomUniform([10, 3, 4], 0, 1, 'float32', 1);
    const a = multiStep('IF', initState([3, 4], p), xSeq, p);
    const b = singleSteps('IF', xSeq, p);
    expect(Array.from(a.spikes.dataSync())).toEqual(Array.from(b.spikes.dataSync()));
    // the channel with θ = 0.25 fires most, the one with θ = 2 least
    const perChannel = Array.from(tf.sum(a.spikes, [0, 1]).dataSync());
    expect(perChannel[0]).toBeGreaterThan(perChannel[3]);
    tf.dispose([theta, xSeq, a.spikes, a.state.v, b.spikes, b.state.v]);
  });
});

describe('memory', () => {
  it('step(): 1,000 steps with the caller freeing old states and spikes leave the tensor count flat', () => {
    const p = { vThreshold: 1, vReset: null, v0: { fractionOfThreshold: 0.5 } };
    const x = tf.fill([4, 8], 0.3);
    let state = initState([4, 8], p);
    const before = tf.memory().numTensors;
    let fired = 0;
    for (let t = 0; t < 1000; t++) {
      const r = step('IF', state, x, p);
      fired += tf.tidy(() => tf.sum(r.spikes).dataSync()[0]);
      tf.dispose([state.v, r.spikes]);
      state = r.state;
      if (t === 10 || t === 999) expect(tf.memory().numTensors).toBe(before);
    }
    expect(Math.abs(fired - 32 * 300)).toBeLessThanOrEqual(32); // 32 neurons, ⌊0.5 + 0.3·1000⌋ = 300 spikes each (±1 for float32)
    tf.dispose([x, state.v]);
  });

  it('multiStep adds exactly its two results and frees every intermediate', () => {
    const p = { vThreshold: 1, vReset: null };
    const s0 = initState([5], p);
    const xSeq = tf.fill([200, 5], 0.7);
    const before = tf.memory().numTensors;
    const r = multiStep('LIF', s0, xSeq, p);
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(s0.v.isDisposed).toBe(false); // the caller's state is left alone
    tf.dispose([s0.v, xSeq, r.state.v, r.spikes]);
  });
});
