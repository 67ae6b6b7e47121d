import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { NeuronLayer } from './layer.js';

beforeAll(async () => {
  await initBackend('wasm');
});

const take = (t: tf.Tensor) => {
  const a = Array.from(t.dataSync());
  t.dispose();
  return a;
};

describe('NeuronLayer', () => {
  it('keeps V between calls: x = [0.3, 0.7], θ = 1 gives [0,0] [0,1] [0,1] [1,0]', () => {
    const layer = new NeuronLayer('IF', { vThreshold: 1, vReset: null });
    const x = tf.tensor1d([0.3, 0.7]);
    const out = [0, 1, 2, 3].map(() => take(layer.forward(x)));
    expect(out).toEqual([
      [0, 0],
      [0, 1],
      [0, 1],
      [1, 0],
    ]);
    // V_4 = 1.2 − 1 = 0.2 and 2.8 − 2 = 0.8
    const v = Array.from(layer.state!.v.dataSync());
    expect(v[0]).toBeCloseTo(0.2, 6);
    expect(v[1]).toBeCloseTo(0.8, 6);
    layer.dispose();
    x.dispose();
  });

  it('reset() returns to V₀ (0.5·θ here): the same input gives the same spikes again', () => {
    const layer = new NeuronLayer('IF', { vThreshold: 2, vReset: null, v0: { fractionOfThreshold: 0.5 } });
    const x = tf.tensor1d([0.5]);
    const run = () => [0, 1, 2, 3, 4].map(() => take(layer.forward(x))[0]);
    const first = run(); // V: 1.5, 2→0, 0.5, 1, 1.5
    expect(first).toEqual([0, 1, 0, 0, 0]);
    expect(run()).toEqual([1, 0, 0, 0, 1]); // without a reset it continues: 2→0, 0.5, 1, 1.5, 2→0
    layer.reset();
    expect(layer.state).toBeUndefined();
    expect(run()).toEqual(first);
    layer.dispose();
    x.dispose();
  });

  it('forwardMultiStep equals forward step by step, and continues from the same state', () => {
    const p = { vThreshold: 1, vReset: 0, tau: 2 };
    const xSeq = tf.randomUniform([12, 3, 5], 0, 2.5, 'float32', 3);
    const a = new NeuronLayer('LIF', p);
    const b = new NeuronLayer('LIF', p);
    const multi = take(a.forwardMultiStep(xSeq));
    const single = tf.unstack(xSeq).flatMap((x) => {
      const s = take(b.forward(x));
      x.dispose();
      return s;
    });
    expect(multi).toEqual(single);
    expect(Array.from(a.state!.v.dataSync())).toEqual(Array.from(b.state!.v.dataSync()));
    a.dispose();
    b.dispose();
    xSeq.dispose();
  });

  it('its state survives an enclosing tf.tidy, and 1,000 steps leave the tensor count flat', () => {
    const theta = tf.tensor1d([0.5, 1, 2]);
    const layer = new NeuronLayer('IF', { vThreshold: theta, vReset: null, v0: { fractionOfThreshold: 0.5 } });
    const x = tf.fill([2, 3], 0.4);
    tf.tidy(() => layer.forward(x)); // the first call creates the state inside a tidy
    expect(layer.state!.v.isDisposed).toBe(false);
    const before = tf.memory().numTensors;
    let spikes = 0;
    for (let t = 0; t < 1000; t++) spikes += tf.tidy(() => tf.sum(layer.forward(x)).dataSync()[0]);
    expect(tf.memory().numTensors).toBe(before);
    // rates 0.4/θ capped at 1 → [0.8, 0.4, 0.2] per step and channel, two batch rows, ±1 spike each
    expect(Math.abs(spikes - 2 * 1000 * (0.8 + 0.4 + 0.2))).toBeLessThanOrEqual(6);
    layer.dispose();
    expect(tf.memory().numTensors).toBe(before - 1);
    tf.dispose([theta, x]);
  });
});
