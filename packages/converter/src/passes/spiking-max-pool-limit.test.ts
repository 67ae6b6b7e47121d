// The large-T limit of a converted SNN with spiking max-pools, tested directly: its time-averaged output tends to
// its clipped ANN (`clippedAnn`: IF → clip(x, 0, θ), SpikingMaxPool2d → MaxPool2d) with an error that falls like 1/T.
import { initBackend } from '@snn/backend';
import { disposeState, execute, type Graph, GraphBuilder, type GraphState } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../convert.js';
import { clippedAnn } from './delay-estimate.js';

beforeAll(async () => {
  await initBackend('cpu');
});

/** x [8, 8, 1] → conv → ReLU → MaxPool 2×2 (exact move: constant input) → conv → ReLU → MaxPool 2×2 (spiking) → conv → ReLU → MaxPool 2×2, ceil → fc. */
function vgg(): Graph {
  const b = new GraphBuilder();
  b.input('x', [8, 8, 1]);
  const conv = (name: string, input: string, cin: number, cout: number, seed: number) =>
    b.add({
      name,
      op: 'Conv2d',
      inputs: [input],
      attrs: { pads: [1, 1, 1, 1] },
      params: { weight: tf.randomNormal([3, 3, cin, cout], 0, 0.5, 'float32', seed), bias: tf.fill([cout], 0.05) },
    });
  conv('c1', 'x', 1, 3, 1);
  b.add({ name: 'r1', op: 'ReLU', inputs: ['c1'] });
  b.add({ name: 'p1', op: 'MaxPool2d', inputs: ['r1'], attrs: { kernel: [2, 2] } }); // 4×4
  conv('c2', 'p1', 3, 3, 2);
  b.add({ name: 'r2', op: 'ReLU', inputs: ['c2'] });
  b.add({ name: 'p2', op: 'MaxPool2d', inputs: ['r2'], attrs: { kernel: [2, 2] } }); // 2×2
  conv('c3', 'p2', 3, 3, 3);
  b.add({ name: 'r3', op: 'ReLU', inputs: ['c3'] });
  b.add({ name: 'p3', op: 'MaxPool2d', inputs: ['r3'], attrs: { kernel: [3, 3], strides: [2, 2], pads: [0, 0, 1, 1] } }); // ceil: 1×1
  b.add({ name: 'f', op: 'Flatten', inputs: ['p3'] });
  b.add({ name: 'fc', op: 'Linear', inputs: ['f'], params: { weight: tf.randomNormal([3, 4], 0, 0.5, 'float32', 4) } });
  return b.output('fc').build();
}

/** (1/T) Σ_{t ≤ T} out_t of the SNN, step by step through execute(), read at each T of `at`. */
function meanOutputs(snn: Graph, x: tf.Tensor, at: number[]): Float32Array[] {
  let state: GraphState | undefined;
  const sum = new Float64Array(x.shape[0] * 4);
  const means: Float32Array[] = [];
  for (let t = 1; t <= Math.max(...at); t++) {
    const r = execute(snn, x, { state });
    disposeState(state);
    state = r.state;
    const out = r.outputs[0].dataSync();
    for (let i = 0; i < sum.length; i++) sum[i] += out[i];
    tf.dispose(r.outputs);
    if (at.includes(t)) means.push(Float32Array.from(sum, (v) => v / t));
  }
  disposeState(state);
  return means;
}

describe('spiking max-pools: the large-T limit is the clipped ANN', () => {
  // (the gate rule does not: on this network its mean output settles 0.36 away from the clipped ANN's by T = 1600 — readout.md)
  it('running-max (the default): mean output → clippedAnn(snn) output, error O(1/T)', async () => {
    const rule = 'running-max' as const;
    const ann = vgg();
    const x = tf.randomUniform([6, 8, 8, 1], 0, 1, 'float32', 7);
    // thresholds at the 99 % percentile (some activations clip), V₀ = θ/2, no bias correction, accumulating output
    const recipe = {
      mode: { kind: 'percentile' as const, p: 99 },
      statistics: 'exact' as const,
      v0Fraction: 0.5,
      outputLayer: 'accumulate' as const,
      maxPool: { rule },
    };
    const { snn, report } = await convert(ann, () => [x], recipe);
    expect(report.spikingMaxPools.map((p) => p.node)).toEqual(['p2', 'p3']);
    const { probe, made } = clippedAnn(snn);
    const limit = execute(probe, x).outputs[0];
    const want = limit.dataSync();
    const errAt = meanOutputs(snn, x, [25, 800]).map((m) => Math.max(...Array.from(m, (v, i) => Math.abs(v - want[i]))));
    tf.dispose([limit, x, ...made]);
    expect(errAt[1]).toBeLessThan(0.03);
    expect(errAt[1]).toBeLessThan(errAt[0] / 4); // 32× the steps: the error falls (like 1/T), it does not settle at a bias
  }, 120_000);
});
