import { initBackend } from '@snn/backend';
import { GraphBuilder } from '@snn/graph';
import { initState, type NeuronParams, step } from '@snn/neuron';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { rng } from '../../../test/helpers.js';
import { canFuseIfPool, WasmIfPoolExec } from './if-pool.js';
import { nodeNeuronArrays as neuronArrays } from '@snn/graph';
import { KernelArena } from '../wasm/arena.js';

beforeAll(async () => {
  await initBackend('wasm');
});

const shape = [4, 6, 8]; // H, W even; C = 8

function graph(neuron: Record<string, unknown>, amplitude: 'unit' | 'threshold', perChannel: boolean, kernel = [2, 2]) {
  const b = new GraphBuilder();
  b.input('x', shape);
  const params = perChannel ? { vThreshold: tf.tensor1d([0.5, 1, 0.75, 0.3, 0.9, 1.1, 0.6, 0.4]) } : undefined;
  b.add({ name: 'if', op: 'IF', inputs: ['x'], attrs: { neuron, amplitude }, params });
  b.add({ name: 'pool', op: 'AvgPool2d', inputs: ['if'], attrs: { kernel } });
  return b.output('pool').build();
}

/** IF steps then tf.avgPool, as the reference computes them; time-major pooled outputs. */
function reference(g: ReturnType<typeof graph>, x: Float32Array, steps: number, count: number, staticInput: boolean): number[] {
  const n = g.node('if');
  const p: NeuronParams = { ...(n.attrs.neuron as NeuronParams) };
  if (n.params.vThreshold) p.vThreshold = n.params.vThreshold;
  let state = initState([count, ...shape], p);
  const out: number[] = [];
  const size = count * 4 * 6 * 8;
  for (let t = 0; t < steps; t++) {
    const xt = tf.tensor(x.subarray(staticInput ? 0 : t * size, (staticInput ? 0 : t * size) + size), [count, ...shape]);
    const r = step('IF', state, xt, p);
    const o = n.attrs.amplitude === 'threshold' ? tf.mul(r.spikes, p.vThreshold) : tf.clone(r.spikes);
    const pooled = tf.avgPool(o as tf.Tensor4D, 2, 2, 'valid');
    out.push(...pooled.dataSync());
    tf.dispose([xt, state.v, r.spikes, o, pooled]);
    state = r.state;
  }
  state.v.dispose();
  return out;
}

const cases: Array<[string, Record<string, unknown>, 'unit' | 'threshold', boolean]> = [
  ['soft reset, θ 0.8, unit amplitude', { vThreshold: 0.8, vReset: null }, 'unit', false],
  ['soft reset, per-channel θ, V₀ = θ/2, amplitude θ', { vThreshold: 1, vReset: null, v0: { fractionOfThreshold: 0.5 } }, 'threshold', true],
  ['hard reset to 0.05, amplitude θ', { vThreshold: 0.7, vReset: 0.05 }, 'threshold', false],
];

describe('IF fused with 2×2 average pooling (WebAssembly SIMD) equals IF then tf.avgPool, bit for bit', () => {
  const count = 3;
  const steps = 9;
  const size = count * 4 * 6 * 8;
  const r = rng(11);
  const x = Float32Array.from({ length: steps * size }, (_, i) => (i % 7 === 0 ? Math.round(r(-2, 6)) * 0.25 : r(-0.3, 1.2)));
  for (const [title, neuron, amplitude, perChannel] of cases) {
    for (const staticInput of [false, true]) {
      it(`${title}, ${staticInput ? 'static' : 'per-step'} input`, () => {
        const g = graph(neuron, amplitude, perChannel);
        const p = neuronArrays(g.node('if'));
        expect(canFuseIfPool(p, shape, g.node('pool'))).toBe(true);
        const want = reference(g, x, steps, count, staticInput);
        const arena = new KernelArena();
        const exec = new WasmIfPoolExec(p, shape, arena);
        arena.reset();
        exec.begin(count, staticInput);
        arena.seal();
        const got: number[] = [];
        for (const [t0, k] of [
          [0, 4],
          [4, 5],
        ]) {
          got.push(...exec.run(x.subarray(staticInput ? 0 : t0 * size), k));
          arena.release();
        }
        expect(got).toEqual(want);
        expect(want.some((v) => v > 0)).toBe(true);
      });
    }
  }

  it('fuses only what it can compute exactly', () => {
    const p = neuronArrays(graph({ vThreshold: 1, vReset: null }, 'unit', false).node('if'));
    expect(canFuseIfPool(p, shape, graph({ vThreshold: 1, vReset: null }, 'unit', false, [3, 3]).node('pool'))).toBe(false);
    expect(canFuseIfPool(p, [5, 6, 8], graph({ vThreshold: 1, vReset: null }, 'unit', false).node('pool'))).toBe(false);
    const multi = neuronArrays(graph({ vThreshold: 1, vReset: null, maxSpikes: 2 }, 'unit', false).node('if'));
    expect(canFuseIfPool(multi, shape, graph({ vThreshold: 1, vReset: null }, 'unit', false).node('pool'))).toBe(false);
  });
});
