import { initBackend } from '@snn/backend';
import { GraphBuilder } from '@snn/graph';
import { initState, type NeuronParams, step } from '@snn/neuron';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeNeuronArrays as neuronArrays } from '@snn/graph';
import { JsNeuronExec } from './js-neuron.js';
import type { NeuronExec } from './types.js';
import { WasmIfExec, wasmIfFits } from './wasm-if.js';
import { KernelArena, wasmKernelsAvailable } from '../wasm/arena.js';

beforeAll(async () => {
  await initBackend('wasm');
});

const C = 4;
const shape = [3, C]; // per sample: 12 values, divisible by 4 (the SIMD kernel's condition)

function node(op: 'IF' | 'LIF', neuron: Record<string, unknown>, perChannel: boolean, amplitude: 'unit' | 'threshold') {
  const b = new GraphBuilder();
  b.input('x', shape);
  const params = perChannel ? { vThreshold: tf.tensor1d([0.5, 1, 1.25, 0.3]) } : undefined;
  b.add({ name: 'n', op, inputs: ['x'], attrs: { neuron, amplitude }, params });
  return b.output('n').build().node('n');
}

/** Inputs with ties: multiples of 0.25 hit θ exactly; negative and large values too. */
function inputs(steps: number, count: number, seed: number): Float32Array {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s / 2 ** 32;
  };
  return Float32Array.from({ length: steps * count * 12 }, (_, i) => (i % 5 === 0 ? Math.round(rnd() * 8 - 2) * 0.25 : rnd() * 1.6 - 0.4));
}

/** The same steps with @snn/neuron's tensor `step` (what the reference runs), outputs time-major. */
function tensorSteps(n: ReturnType<typeof node>, x: Float32Array, steps: number, count: number) {
  const p: NeuronParams = { ...(n.attrs.neuron as NeuronParams) };
  if (n.params.vThreshold) p.vThreshold = n.params.vThreshold;
  let state = initState([count, ...shape], p);
  const out: number[] = [];
  const vs: number[][] = [];
  for (let t = 0; t < steps; t++) {
    const xt = tf.tensor(x.subarray(t * count * 12, (t + 1) * count * 12), [count, ...shape]);
    const r = step(n.op, state, xt, p);
    const o = n.attrs.amplitude === 'threshold' ? tf.mul(r.spikes, p.vThreshold) : r.spikes;
    out.push(...o.dataSync());
    vs.push([...r.state.v.dataSync()]);
    tf.dispose([xt, state.v, r.spikes, o]);
    state = r.state;
  }
  state.v.dispose();
  return { out, vs };
}

const cases: Array<[string, 'IF' | 'LIF', Record<string, unknown>, boolean, 'unit' | 'threshold']> = [
  ['IF soft, θ 1', 'IF', { vThreshold: 1, vReset: null }, false, 'unit'],
  ['IF soft, per-channel θ, V₀ = θ/2, amplitude θ', 'IF', { vThreshold: 1, vReset: null, v0: { fractionOfThreshold: 0.5 } }, true, 'threshold'],
  ['IF hard reset to 0.1', 'IF', { vThreshold: 0.7, vReset: 0.1 }, false, 'threshold'],
  ['IF multi-level spikes (max 3)', 'IF', { vThreshold: 0.3, vReset: null, maxSpikes: 3 }, true, 'threshold'],
  ['LIF τ 2 hard reset', 'LIF', { vThreshold: 1, vReset: 0, tau: 2 }, false, 'unit'],
  ['LIF τ 3 soft, no input decay, V₀ 0.2', 'LIF', { vThreshold: 0.6, vReset: null, tau: 3, decayInput: false, v0: 0.2 }, true, 'threshold'],
];

describe('spiking executors equal @snn/neuron step, bit for bit', () => {
  const steps = 7;
  const count = 5;
  for (const [title, op, neuron, perChannel, amplitude] of cases) {
    it(title, () => {
      const n = node(op, neuron, perChannel, amplitude);
      const x = inputs(steps, count, 7);
      const want = tensorSteps(n, x, steps, count);
      const p = neuronArrays(n);
      const execs: Array<[string, NeuronExec]> = [['js', new JsNeuronExec(p, 12)]];
      const arena = wasmKernelsAvailable() ? new KernelArena() : undefined;
      if (arena && wasmIfFits(p, 12)) execs.push(['wasm', new WasmIfExec(p, 12, arena)]);
      for (const [kind, exec] of execs) {
        arena?.reset();
        exec.begin(count, false);
        arena?.seal();
        const got: number[] = [];
        const vs: number[][] = [];
        // chunks of 3, 3, 1 steps: the membrane is carried between chunks
        for (const [t0, k] of [
          [0, 3],
          [3, 3],
          [6, 1],
        ]) {
          const out = exec.run(x.subarray(t0 * count * 12), k, (_s, v) => vs.push([...v]));
          got.push(...out);
          arena?.release();
        }
        expect(got, kind).toEqual(want.out);
        expect(vs, kind).toEqual(want.vs);
      }
    });
  }

  it('runs a static input (the same x every step) like a repeated one', () => {
    const n = node('IF', { vThreshold: 1, vReset: null }, true, 'threshold');
    const x1 = inputs(1, 2, 3);
    const repeated = new Float32Array(4 * 24);
    for (let t = 0; t < 4; t++) repeated.set(x1, t * 24);
    const want = tensorSteps(n, repeated, 4, 2).out;
    const p = neuronArrays(n);
    const arena = new KernelArena();
    for (const exec of [new JsNeuronExec(p, 12), new WasmIfExec(p, 12, arena)]) {
      arena.reset();
      exec.begin(2, true);
      arena.seal();
      expect([...exec.run(x1, 4)]).toEqual(want);
    }
  });

  it('has the SIMD kernels in this Node', () => {
    expect(wasmKernelsAvailable()).toBe(true);
  });
});
