import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { initState } from './init-state.js';
import { getNeuronModel, listNeuronModels, registerNeuronModel } from './registry.js';
import { step } from './step.js';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('neuron model registry', () => {
  it('has IF and LIF from the start', () => {
    expect(listNeuronModels()).toEqual(expect.arrayContaining(['IF', 'LIF']));
    expect(getNeuronModel('IF').name).toBe('IF');
    expect(getNeuronModel('LIF').name).toBe('LIF');
  });

  it('a new model overrides only charge; fire and reset stay shared', () => {
    // a "doubling" integrator: H = V + 2X, so x = 0.3 reaches θ = 1 at t = 2 (1.2 → 0.2)
    registerNeuronModel({ name: 'Double', charge: (v, x) => tf.add(v, tf.mul(x, 2)) });
    const p = { vThreshold: 1, vReset: null };
    const x = tf.tensor1d([0.3]);
    let state = initState([1], p);
    const spikes: number[] = [];
    for (let t = 0; t < 3; t++) {
      const r = step('Double', state, x, p);
      spikes.push(r.spikes.dataSync()[0]);
      tf.dispose([state.v, r.spikes]);
      state = r.state;
    }
    expect(spikes).toEqual([0, 1, 0]);
    expect(state.v.dataSync()[0]).toBeCloseTo(0.8, 6);
    tf.dispose([x, state.v]);
  });

  it('refuses a model without a name or charge', () => {
    expect(() => registerNeuronModel({ name: '', charge: (v) => v })).toThrow(/non-empty name/);
    expect(() => registerNeuronModel({ name: 'X' } as never)).toThrow(/charge/);
  });
});
