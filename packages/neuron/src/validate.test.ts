import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { initState } from './init-state.js';
import { NeuronLayer } from './layer.js';
import { multiStep } from './multi-step.js';
import { getNeuronModel } from './registry.js';
import { step } from './step.js';
import type { NeuronParams } from './types.js';
import { NeuronParamError, validateParams } from './validate.js';

beforeAll(async () => {
  await initBackend('wasm');
});

const errorOf = (fn: () => unknown): NeuronParamError => {
  try {
    fn();
  } catch (e) {
    return e as NeuronParamError;
  }
  throw new Error('expected an error');
};

describe('bad parameters get an error that names them', () => {
  const bad: Array<[string, Partial<NeuronParams> & Record<string, unknown>, RegExp]> = [
    ['vThreshold', { vThreshold: 0 }, /finite number > 0.*got 0/],
    ['vThreshold', { vThreshold: -1 }, /got -1/],
    ['vThreshold', { vThreshold: Number.NaN }, /got NaN/],
    ['vThreshold', { vThreshold: Number.POSITIVE_INFINITY }, /got Infinity/],
    ['vThreshold', { vThreshold: '1' as never }, /got 1/],
    ['vReset', { vReset: undefined }, /required: null for reset by subtraction/],
    ['vReset', { vReset: Number.NaN }, /finite number/],
    ['vReset', { vReset: 1 }, /below vThreshold/],
    ['v0', { v0: Number.NaN }, /finite/],
    ['v0', { v0: { fractionOfThreshold: Number.POSITIVE_INFINITY } }, /fractionOfThreshold/],
    ['maxSpikes', { maxSpikes: 0 }, /integer ≥ 1/],
    ['maxSpikes', { maxSpikes: 1.5 }, /integer ≥ 1/],
  ];
  for (const [param, change, message] of bad) {
    it(`${param} = ${String(Object.values(change)[0])}`, () => {
      const e = errorOf(() => validateParams({ vThreshold: 1, vReset: null, ...change } as NeuronParams));
      expect(e).toBeInstanceOf(NeuronParamError);
      expect(e.param).toBe(param);
      expect(e.message).toMatch(new RegExp(`^${param}: `));
      expect(e.message).toMatch(message);
    });
  }

  it('LIF: tau < 1, non-finite tau and a non-boolean decayInput', () => {
    const lif = getNeuronModel('LIF');
    expect(errorOf(() => validateParams({ vThreshold: 1, vReset: 0, tau: 0.5 }, lif)).param).toBe('tau');
    expect(errorOf(() => validateParams({ vThreshold: 1, vReset: 0, tau: Number.NaN }, lif)).param).toBe('tau');
    expect(errorOf(() => new NeuronLayer('LIF', { vThreshold: 1, vReset: 0, decayInput: 'yes' as never })).param).toBe('decayInput');
  });

  it('threshold tensors: a value ≤ 0 or NaN, int32, and a shape that does not broadcast over the last axis', () => {
    const zero = tf.tensor1d([1, 0, 2]);
    const nan = tf.tensor1d([1, Number.NaN]);
    const ints = tf.tensor1d([1, 2], 'int32');
    const four = tf.tensor1d([1, 1, 1, 1]);
    expect(errorOf(() => validateParams({ vThreshold: zero, vReset: null })).message).toMatch(
      /vThreshold: every value must be finite and > 0 \(got 0 at flat index 1\)/,
    );
    expect(errorOf(() => validateParams({ vThreshold: nan, vReset: null })).message).toMatch(/got NaN/);
    expect(errorOf(() => validateParams({ vThreshold: ints, vReset: null })).message).toMatch(/float32/);
    expect(errorOf(() => initState([2, 3], { vThreshold: four, vReset: null })).message).toMatch(
      /vThreshold: a tensor of shape \[4\] does not broadcast over the last axis of input shape \[2, 3\] \(expected \[3\] per channel\)/,
    );
    expect(errorOf(() => validateParams({ vThreshold: four, vReset: 1 })).message).toMatch(/vReset: must be below vThreshold/);
    tf.dispose([zero, nan, ints, four]);
  });
});

describe('bad inputs get an error that names them', () => {
  const p: NeuronParams = { vThreshold: 1, vReset: null };

  it('x of another shape than the state, or not a tensor', () => {
    const s = initState([2, 3], p);
    const x = tf.zeros([3, 2]);
    expect(errorOf(() => step('IF', s, x, p)).message).toBe('x: has shape [3, 2] but the state has shape [2, 3] (start a new state for a new shape)');
    expect(errorOf(() => step('IF', s, [1, 2] as never, p)).param).toBe('x');
    tf.dispose([s.v, x]);
  });

  it('a disposed state, an unknown model, a shape that is not a list of sizes', () => {
    const s = initState([2], p);
    s.v.dispose();
    const x = tf.zeros([2]);
    expect(errorOf(() => step('IF', s, x, p)).message).toMatch(/^state: its tensor v has been disposed/);
    expect(() => step('HH', s, x, p)).toThrow(/unknown neuron model 'HH' \(registered: IF, LIF/);
    expect(errorOf(() => initState([2, -1], p)).param).toBe('shape');
    x.dispose();
  });

  it('multiStep: xSeq must be [T, ...state shape] with T ≥ 1', () => {
    const s = initState([3], p);
    const ok = tf.zeros([4, 3]);
    const wrong = tf.zeros([4, 2]);
    const empty = tf.zeros([0, 3]);
    expect(errorOf(() => multiStep('IF', s, wrong, p)).message).toMatch(/^xSeq\[t\]: has shape \[2\] but the state has shape \[3\]/);
    expect(errorOf(() => multiStep('IF', s, empty, p)).message).toMatch(/^xSeq: needs at least one time step/);
    expect(errorOf(() => multiStep('IF', s, tf.scalar(1), p)).param).toBe('xSeq');
    const before = tf.memory().numTensors;
    expect(() => multiStep('IF', s, wrong, p)).toThrow();
    expect(tf.memory().numTensors).toBe(before); // a failed call leaks nothing
    tf.dispose([s.v, ok, wrong, empty]);
  });

  it('a layer refuses a new shape until reset()', () => {
    const layer = new NeuronLayer('IF', p);
    tf.dispose(layer.forward(tf.zeros([2])));
    expect(errorOf(() => layer.forward(tf.zeros([3]))).message).toMatch(/call reset\(\) before changing shape/);
    layer.reset();
    const s = layer.forward(tf.zeros([3]));
    expect(s.shape).toEqual([3]);
    layer.dispose();
  });
});
