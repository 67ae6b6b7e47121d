import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeState, execute, GraphBuilder, type GraphState } from '../index.js';

beforeAll(async () => {
  await initBackend('wasm');
});

function ifGraph(attrs: Record<string, unknown>, params: Record<string, tf.Tensor> = {}, op = 'IF') {
  const b = new GraphBuilder();
  b.input('x', [2]);
  b.add({ name: 'sn', op, inputs: ['x'], attrs, params });
  return b.output('sn').build();
}

/** Runs T steps with constant input, returning the spikes per step. */
function simulate(g: ReturnType<typeof ifGraph>, x: tf.Tensor, steps: number): number[][] {
  let state: GraphState | undefined;
  const out: number[][] = [];
  for (let t = 0; t < steps; t++) {
    const r = execute(g, x, { state, step: t + 1 });
    disposeState(state);
    state = r.state;
    out.push(Array.from(r.outputs[0].dataSync()));
    tf.dispose(r.outputs);
  }
  disposeState(state);
  return out;
}

describe('spiking nodes', () => {
  it('a drive adds its current for the first driveSteps steps only (hand-stepped)', () => {
    const g = ifGraph({ neuron: { vThreshold: 1, vReset: null }, driveSteps: 2 }, { drive: tf.tensor1d([0.5, -0.25]) });
    // ch0 x 0.3 (+0.5 for t ≤ 2): V 0.8, 1.6→0.6, 0.9, 1.2→0.2 | ch1 x 0.7 (−0.25): 0.45, 0.9, 1.6→0.6, 1.3→0.3
    expect(simulate(g, tf.tensor2d([[0.3, 0.7]]), 4)).toEqual([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
  });

  it('a drive refuses a call without the step, a wrong shape, and a missing or bad driveSteps, naming the node', () => {
    const g = ifGraph({ neuron: { vThreshold: 1, vReset: null }, driveSteps: 2 }, { drive: tf.tensor1d([0.5, 0.5]) });
    expect(() => execute(g, tf.tensor2d([[0.3, 0.7]]))).toThrow(/node 'sn' \(IF\).*drive for its first 2 steps: execute\(\) needs the step/);
    expect(() => ifGraph({ neuron: { vThreshold: 1, vReset: null }, driveSteps: 2 }, { drive: tf.tensor1d([0.5]) })).toThrow(/param drive must be \[2\]/);
    expect(() => ifGraph({ neuron: { vThreshold: 1, vReset: null } }, { drive: tf.tensor1d([0.5, 0.5]) })).toThrow(/needs attribute driveSteps/);
    expect(() => ifGraph({ neuron: { vThreshold: 1, vReset: null }, driveSteps: 0 }, { drive: tf.tensor1d([0.5, 0.5]) })).toThrow(
      /driveSteps must be a whole number/,
    );
  });

  it('IF with reset by subtraction: inputs 0.3 and 0.7, θ = 1 (hand-stepped)', () => {
    const g = ifGraph({ neuron: { vThreshold: 1, vReset: null } });
    // V: 0.3 0.6 0.9 1.2→0.2 | 0.7 1.4→0.4 1.1→0.1 0.8
    expect(simulate(g, tf.tensor2d([[0.3, 0.7]]), 4)).toEqual([
      [0, 0],
      [0, 1],
      [0, 1],
      [1, 0],
    ]);
  });

  it("amplitude 'threshold' outputs spikes·θ with a per-channel θ param, and V₀ = θ/2", () => {
    const g = ifGraph({ neuron: { vReset: null, v0: { fractionOfThreshold: 0.5 } }, amplitude: 'threshold' }, { vThreshold: tf.tensor1d([2, 4]) });
    // ch0 θ 2, V₀ 1, x 1: V 2 → spike (out 2), V 0; 1; 2 → spike. ch1 θ 4, V₀ 2, x 1: 3, 4 → spike (out 4), 1, 2
    expect(simulate(g, tf.tensor2d([[1, 1]]), 4)).toEqual([
      [2, 0],
      [0, 4],
      [2, 0],
      [0, 0],
    ]);
  });

  it('LIF with hard reset (τ = 2, decayInput): H = V + (X − V)/2', () => {
    const g = ifGraph({ neuron: { vThreshold: 1, vReset: 0, tau: 2 } }, {}, 'LIF');
    // x 1.5: H 0.75, then 0.75 + (1.5 − 0.75)/2 = 1.125 → spike, V 0; then 0.75 again
    expect(simulate(g, tf.tensor2d([[1.5, 4]]), 3)).toEqual([
      [0, 1],
      [1, 1],
      [0, 1],
    ]);
  });

  it('keeps the tensor count flat across time steps, and the returned state is new', () => {
    const g = ifGraph({ neuron: { vThreshold: 1, vReset: null } });
    const x = tf.tensor2d([[0.3, 0.7]]);
    simulate(g, x, 2);
    const before = tf.memory().numTensors;
    simulate(g, x, 20);
    expect(tf.memory().numTensors).toBe(before);
    const r1 = execute(g, x);
    const r2 = execute(g, x, { state: r1.state });
    expect(r2.state?.get('sn')?.v).not.toBe(r1.state?.get('sn')?.v);
    expect(r1.state?.get('sn')?.v.isDisposed).toBe(false);
  });

  it('refuses bad neuron params and a state of another batch size, naming the node', () => {
    expect(() => ifGraph({ neuron: { vThreshold: -1, vReset: null } })).toThrow(
      /node 'sn' \(IF\), input shape\(s\) \[2\]: vThreshold: must be a finite number > 0/,
    );
    expect(() => ifGraph({ neuron: 'IF' })).toThrow(/attribute neuron must be NeuronParams/);
    expect(() => ifGraph({ neuron: { vReset: null } }, { vThreshold: tf.tensor1d([1, 2, 3]) })).toThrow(/does not broadcast/);
    const g = ifGraph({ neuron: { vThreshold: 1, vReset: null } });
    const { state } = execute(g, tf.ones([2, 2]));
    expect(() => execute(g, tf.ones([3, 2]), { state })).toThrow(/node 'sn' \(IF\).*the state has shape \[2, 2\] but the input is \[3, 2\]/);
  });
});

describe('IF with a per-channel V₀ param (potential calibration)', () => {
  it('starts each channel from its own V₀ and survives save/load', async () => {
    const { saveGraph, loadGraph } = await import('../index.js');
    const g = ifGraph({ neuron: { vThreshold: 1, vReset: null, v0: { fractionOfThreshold: 0.5 } } }, { v0: tf.tensor1d([0.8, -0.3]) });
    // x = 0.25 in both channels: channel 0 (V₀ 0.8) V 1.05 → spike at step 1, then 0.3, 0.55, 0.8;
    // channel 1 (V₀ −0.3) V −0.05, 0.2, 0.45, 0.7 → no spike (with neuron.v0 = θ/2 it would fire at step 2)
    const x = tf.tensor2d([[0.25, 0.25]]);
    const expected = [
      [1, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ];
    expect(simulate(g, x, 4)).toEqual(expected);
    const { json, weights } = saveGraph(g);
    expect(simulate(loadGraph(JSON.parse(json), weights.buffer.slice(0) as ArrayBuffer), x, 4)).toEqual(expected);
    expect(() => ifGraph({ neuron: { vThreshold: 1, vReset: null } }, { v0: tf.tensor1d([1, 2, 3]) })).toThrow(
      /param v0 must be \[2\] \(per channel\), got \[3\]/,
    );
    x.dispose();
  });
});
