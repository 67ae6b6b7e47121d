import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { initState } from './init-state.js';
import { step } from './step.js';

beforeAll(async () => {
  await initBackend('wasm');
});

const values = (v: tf.Tensor) => Array.from(v.dataSync());

describe('initState', () => {
  it('V₀ = 0 by default, a constant, or a fraction of θ', () => {
    const a = initState([2, 2], { vThreshold: 1, vReset: null });
    const b = initState([3], { vThreshold: 1, vReset: null, v0: -0.25 });
    const c = initState([2], { vThreshold: 0.3, vReset: null, v0: { fractionOfThreshold: 0.5 } });
    expect(a.v.shape).toEqual([2, 2]);
    expect(values(a.v)).toEqual([0, 0, 0, 0]);
    expect(values(b.v)).toEqual([-0.25, -0.25, -0.25]);
    expect(values(c.v)).toEqual([Math.fround(0.15), Math.fround(0.15)]);
    tf.dispose([a.v, b.v, c.v]);
  });

  it('a per-channel θ gives V₀ = f·θ per channel (NHWC: channels last)', () => {
    const theta = tf.tensor1d([0.5, 1, 2]);
    const s = initState([1, 2, 2, 3], { vThreshold: theta, vReset: null, v0: { fractionOfThreshold: 0.5 } });
    expect(s.v.shape).toEqual([1, 2, 2, 3]);
    expect(values(s.v)).toEqual([0.25, 0.5, 1, 0.25, 0.5, 1, 0.25, 0.5, 1, 0.25, 0.5, 1]);
    tf.dispose([theta, s.v]);
  });

  it('a number θ and the same θ as a tensor give the same V₀ bit for bit (f·θ in float32)', () => {
    const theta = tf.tensor1d([0.3, 0.3]);
    const a = initState([2], { vThreshold: 0.3, vReset: null, v0: { fractionOfThreshold: 0.7 } });
    const b = initState([2], { vThreshold: theta, vReset: null, v0: { fractionOfThreshold: 0.7 } });
    expect(values(a.v)).toEqual(values(b.v));
    tf.dispose([theta, a.v, b.v]);
  });
});

describe('per-channel thresholds in a step', () => {
  it('θ = [0.5, 1, 2], x = 0.75 for 4 steps: channel spikes [1111], [0111], [0010]; V_4 = [1, 0, 1]', () => {
    // ch0: 0.75→.25, 1→.5, 1.25→.75, 1.5→1 (x > θ: fires each step, V grows 0.25 a step)
    // ch1: 0.75, 1.5→.5, 1.25→.25, 1→0;   ch2: 0.75, 1.5, 2.25→.25, 1
    const theta = tf.tensor1d([0.5, 1, 2]);
    const p = { vThreshold: theta, vReset: null };
    let state = initState([2, 3], p);
    const trains: number[][] = [];
    for (let t = 0; t < 4; t++) {
      const x = tf.fill([2, 3], 0.75);
      const r = step('IF', state, x, p);
      trains.push(values(r.spikes).slice(3)); // the second batch row equals the first
      tf.dispose([x, state.v, r.spikes]);
      state = r.state;
    }
    expect(trains).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [1, 1, 1],
      [1, 1, 0],
    ]);
    expect(values(state.v)).toEqual([1, 0, 1, 1, 0, 1]);
    tf.dispose([theta, state.v]);
  });
});

describe('a V₀ tensor (one per channel: potential calibration)', () => {
  it('is broadcast over the batch by initState and read as it is by neuronArrays', async () => {
    const { neuronArrays } = await import('./arrays.js');
    const v0 = tf.tensor1d([0.1, -0.2, 0.7]);
    const p = { vThreshold: tf.tensor1d([1, 2, 3]), vReset: null, v0 };
    expect(values(initState([2, 3], p).v)).toEqual(Array.from(Float32Array.of(0.1, -0.2, 0.7, 0.1, -0.2, 0.7)));
    expect(Array.from(neuronArrays('IF', p).v0)).toEqual(Array.from(Float32Array.of(0.1, -0.2, 0.7)));
    expect(() => initState([2, 4], { ...p, vThreshold: 1 })).toThrow(/a V₀ tensor of 3 values does not fit input shape \[2, 4\]/);
    expect(() => initState([2, 3], { ...p, v0: tf.zeros([1, 3]) })).toThrow(/a V₀ tensor must be \[C\], one per channel/);
  });
});
