import { initBackend } from '@snn/backend';
import { GraphBuilder } from '@snn/graph';
import { initState, type NeuronParams, step } from '@snn/neuron';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { rng } from '../../../test/helpers.js';
import { canFuseIfPool, scaledLut, WasmIfPoolExec } from './if-pool.js';
import { nodeNeuronArrays as neuronArrays } from '@snn/graph';
import { KernelArena } from '../wasm/arena.js';

beforeAll(async () => {
  await initBackend('wasm');
});

const shape = [4, 6, 8]; // H, W even; C = 8

function graph(neuron: Record<string, unknown>, amplitude: 'unit' | 'threshold', perChannel: boolean, kernel = [2, 2], inShape = shape) {
  const b = new GraphBuilder();
  b.input('x', inShape);
  const params = perChannel ? { vThreshold: tf.tensor1d([0.5, 1, 0.75, 0.3, 0.9, 1.1, 0.6, 0.4]) } : undefined;
  b.add({ name: 'if', op: 'IF', inputs: ['x'], attrs: { neuron, amplitude }, params });
  b.add({ name: 'pool', op: 'AvgPool2d', inputs: ['if'], attrs: { kernel } });
  return b.output('pool').build();
}

/** IF steps then tf.avgPool, as the reference computes them; time-major pooled outputs and the final membrane. */
function reference(g: ReturnType<typeof graph>, x: Float32Array, steps: number, count: number, staticInput: boolean, shape: number[]) {
  const n = g.node('if');
  const p: NeuronParams = { ...(n.attrs.neuron as NeuronParams) };
  if (n.params.vThreshold) p.vThreshold = n.params.vThreshold;
  let state = initState([count, ...shape], p);
  const out: number[] = [];
  const size = count * shape[0] * shape[1] * shape[2];
  for (let t = 0; t < steps; t++) {
    const xt = tf.tensor(x.subarray(staticInput ? 0 : t * size, (staticInput ? 0 : t * size) + size), [count, ...shape]);
    const r = step('IF', state, xt, p);
    const o = n.attrs.amplitude === 'threshold' ? tf.mul(r.spikes, p.vThreshold) : tf.clone(r.spikes);
    const pooled = tf.avgPool(o as tf.Tensor4D, 2, 2, 'valid');
    out.push(...pooled.dataSync());
    tf.dispose([xt, state.v, r.spikes, o, pooled]);
    state = r.state;
  }
  const v = [...state.v.dataSync()];
  state.v.dispose();
  return { out, v };
}

const cases: Array<[string, Record<string, unknown>, 'unit' | 'threshold', boolean]> = [
  ['soft reset, θ 0.8, unit amplitude', { vThreshold: 0.8, vReset: null }, 'unit', false],
  ['soft reset, per-channel θ, V₀ = θ/2, amplitude θ', { vThreshold: 1, vReset: null, v0: { fractionOfThreshold: 0.5 } }, 'threshold', true],
  ['hard reset to 0.05, amplitude θ', { vThreshold: 0.7, vReset: 0.05 }, 'threshold', false],
];

describe('IF fused with 2×2 average pooling (WebAssembly SIMD) equals IF then tf.avgPool, bit for bit', () => {
  const count = 3;
  const steps = 9;
  // even H and W; odd ones (the last row and column are stepped but read by no window)
  for (const shp of [shape, [5, 7, 8]]) {
    const size = count * shp[0] * shp[1] * shp[2];
    const r = rng(11);
    const x = Float32Array.from({ length: steps * size }, (_, i) => (i % 7 === 0 ? Math.round(r(-2, 6)) * 0.25 : r(-0.3, 1.2)));
    for (const [title, neuron, amplitude, perChannel] of cases) {
      for (const staticInput of [false, true]) {
        it(`${shp.join('×')}: ${title}, ${staticInput ? 'static' : 'per-step'} input`, () => {
          const g = graph(neuron, amplitude, perChannel, [2, 2], shp);
          const p = neuronArrays(g.node('if'));
          expect(canFuseIfPool(p, shp, g.node('pool'))).toBe(true);
          const want = reference(g, x, steps, count, staticInput, shp);
          const arena = new KernelArena();
          const exec = new WasmIfPoolExec(p, shp, arena);
          arena.reset();
          exec.begin(count, staticInput);
          arena.seal();
          const got: number[] = [];
          let v: number[] = [];
          for (const [t0, k] of [
            [0, 4],
            [4, 5],
          ]) {
            // the first chunk runs all its steps in one call (no probe), the second step by step (a probe reads V)
            const probe =
              t0 === 0
                ? undefined
                : (s: number, vs: Float32Array) => {
                    if (s === k - 1) v = [...vs];
                  };
            got.push(...exec.run(x.subarray(staticInput ? 0 : t0 * size), k, probe));
            arena.release();
          }
          expect(got).toEqual(want.out);
          expect(v).toEqual(want.v);
          expect(want.out.some((o) => o > 0)).toBe(true);
        });
      }
    }
  }

  it('multiplies the spike count by LUT[0] only where that gives every LUT row bit for bit', () => {
    expect(scaledLut(Float32Array.from([0.25, 0.5, 0.5, 1, 0.75, 1.5, 1, 2]), 2)).toBe(true);
    expect(scaledLut(new Float32Array(8), 2)).toBe(true);
    // 4 · LUT[0] one float32 ulp off; a negative amplitude (0 · LUT[0] would be −0, the pooling gives +0)
    const off = Float32Array.from([0.25, 0.5, 0.75, 1 + 2 ** -23]);
    expect(scaledLut(off, 1)).toBe(false);
    expect(scaledLut(Float32Array.from([-0.25, -0.5, -0.75, -1]), 1)).toBe(false);
  });

  it('fuses only what it can compute exactly', () => {
    const p = neuronArrays(graph({ vThreshold: 1, vReset: null }, 'unit', false).node('if'));
    expect(canFuseIfPool(p, shape, graph({ vThreshold: 1, vReset: null }, 'unit', false, [3, 3]).node('pool'))).toBe(false);
    expect(canFuseIfPool(p, [4, 6, 6], graph({ vThreshold: 1, vReset: null }, 'unit', false, [2, 2], [4, 6, 6]).node('pool'))).toBe(false);
    const multi = neuronArrays(graph({ vThreshold: 1, vReset: null, maxSpikes: 2 }, 'unit', false).node('if'));
    expect(canFuseIfPool(multi, shape, graph({ vThreshold: 1, vReset: null }, 'unit', false).node('pool'))).toBe(false);
  });
});
