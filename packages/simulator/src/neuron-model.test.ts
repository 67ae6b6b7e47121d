// A neuron model defined here, through @snn/neuron alone (no simulator or graph registration), runs
// on the chunked engine's JS kernel and gives the reference's outputs bit for bit; a model without
// a scalar charge takes the reference path, and the simulator says why.
import { initBackend } from '@snn/backend';
import { GraphBuilder, neuronParams, nodeNeuronArrays } from '@snn/graph';
import { initState, type NeuronModel, registerNeuronModel, step } from '@snn/neuron';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { engineSums, maxDiff, referenceSums, residualData, rng, uniformTensors } from '../test/helpers.js';
import { JsNeuronExec } from './engine/kernels/js-neuron.js';
import { compilePlan } from './engine/plan.js';
import { ChunkedRunner } from './engine/runner.js';
import { constantEncoder } from './encoders/constant.js';
import { chunkedUnsupported, simulate } from './simulate.js';

const f = Math.fround;

/** A leaky neuron that integrates |X|: H = 0.9·V + |X| (tensor form and scalar form, float32 alike). */
const toy: NeuronModel = {
  name: 'ToyAbs',
  charge: (v, x) => tf.add(tf.mul(v, 0.9), tf.abs(x)),
  scalarCharge: () => {
    const k = f(0.9);
    return (v, x) => f(f(v * k) + Math.abs(x));
  },
};
const tensorOnly: NeuronModel = { name: 'ToyTensorOnly', charge: (v, x) => tf.add(v, tf.mul(x, 0.5)) };

beforeAll(async () => {
  await initBackend('wasm');
  registerNeuronModel(toy);
  registerNeuronModel(tensorOnly);
});

/** conv → model (per-channel θ, amplitude θ) → flatten → linear → model (multi-level spikes). */
function toySnn(model: string) {
  const t = uniformTensors(11);
  const b = new GraphBuilder();
  b.input('x', [6, 6, 2]);
  b.add({ name: 'c1', op: 'Conv2d', inputs: ['x'], attrs: { pads: [1, 1, 1, 1] }, params: { weight: t([3, 3, 2, 4]), bias: t([4], 0, 0.2) } });
  b.add({
    name: 'n1',
    op: model,
    inputs: ['c1'],
    attrs: { neuron: { vThreshold: 1, vReset: null, v0: { fractionOfThreshold: 0.25 } }, amplitude: 'threshold' },
    params: { vThreshold: tf.tensor1d([0.5, 0.8, 1.1, 0.65]) },
  });
  b.add({ name: 'flat', op: 'Flatten', inputs: ['n1'] });
  b.add({ name: 'fc', op: 'Linear', inputs: ['flat'], params: { weight: t([144, 5], -0.3, 0.4), bias: t([5], 0, 0.1) } });
  b.add({ name: 'out', op: model, inputs: ['fc'], attrs: { neuron: { vThreshold: 0.4, vReset: 0, maxSpikes: 3 }, amplitude: 'threshold' } });
  return b.output('out').build();
}

describe('a neuron model registered only with @snn/neuron', () => {
  it('runs on the JS kernel and equals the reference bit for bit', async () => {
    const snn = toySnn('ToyAbs');
    const data = residualData(24);
    const runner = new ChunkedRunner(compilePlan(snn, true), { T: 4, encoder: constantEncoder(), engine: { chunk: 2 } });
    expect(runner.kernelOf('n1')).toBe('js-neuron');
    expect(runner.kernelOf('out')).toBe('js-neuron');
    expect(chunkedUnsupported(snn)).toBeUndefined();
    const ref = referenceSums(snn, data.images, data.n, [6, 6, 2], 20);
    const fired = ref.at(-1)?.some((v) => v !== 0);
    expect(fired).toBe(true); // the comparison covers spikes, not silence
    for (const chunk of [1, 7, 20]) expect(maxDiff(engineSums(snn, data.images, data.n, 20, chunk, undefined, 'js'), ref)).toBe(0);
    const fast = await simulate(snn, data, { T: 20, workers: 1, batchSize: 8 });
    const slow = await simulate(snn, data, { T: 20, path: 'reference', batchSize: 8 });
    expect(fast.path).toBe('chunked');
    expect(fast.correct).toEqual(slow.correct);
    expect(fast.confusion).toEqual(slow.confusion);
  });

  it('its JS kernel keeps the membrane of the tensor step, bit for bit, every step', () => {
    const node = toySnn('ToyAbs').node('n1');
    const [count, size, steps] = [3, 144, 12];
    const r = rng(5);
    const x = Float32Array.from({ length: steps * count * size }, () => r(-0.7, 0.9));
    const exec = new JsNeuronExec(nodeNeuronArrays(node), size);
    exec.begin(count, false);
    const got: number[][] = [];
    const out = [...exec.run(x, steps, (_s, v) => got.push([...v]))];
    const p = neuronParams(node);
    let state = initState([count, 6, 6, 4], p);
    const want: number[][] = [];
    const spikes: number[] = [];
    for (let t = 0; t < steps; t++) {
      const xt = tf.tensor(x.subarray(t * count * size, (t + 1) * count * size), [count, 6, 6, 4]);
      const next = step('ToyAbs', state, xt, p);
      want.push([...next.state.v.dataSync()]);
      spikes.push(...tf.tidy(() => tf.mul(next.spikes, p.vThreshold).dataSync()));
      tf.dispose([xt, state.v, next.spikes]);
      state = next.state;
    }
    state.v.dispose();
    expect(spikes.filter((v) => v !== 0).length).toBeGreaterThan(100);
    expect(got).toEqual(want);
    expect(out).toEqual(spikes);
  });

  it('without a scalar charge takes the reference path, and says why', async () => {
    const snn = toySnn('ToyTensorOnly');
    expect(chunkedUnsupported(snn)).toMatch(/node 'n1' is a ToyTensorOnly neuron, whose @snn\/neuron model has no scalarCharge/);
    const r = await simulate(snn, residualData(8), { T: 3 });
    expect(r.path).toBe('reference');
    await expect(simulate(snn, residualData(8), { T: 3, path: 'chunked' })).rejects.toThrow(/path 'chunked': node 'n1' is a ToyTensorOnly neuron/);
  });
});
