// The GlobalAvgPool kernel against tf.mean (the layer's own op) on the wasm backend: arbitrary float32
// values, several shapes, bit for bit; and inside the engine, on a GAP fed by a convolution of spikes.
import { initBackend } from '@snn/backend';
import { GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { engineSums, KERNELS, maxDiff, referenceSums, residualSnn, rng, uniformTensors } from '../../../test/helpers.js';
import { constantEncoder } from '../../encoders/constant.js';
import { compilePlan } from '../plan.js';
import { ChunkedRunner } from '../runner.js';

beforeAll(async () => {
  await initBackend('wasm');
});

/** x → IF (θ per channel) → 3×3 conv (arbitrary sums) → GAP → Flatten, the output: the GAP reads values that vary in time and are not spikes, and its values are what the readout sums. */
function gapNet(H: number, W: number, C: number) {
  const t = uniformTensors(H * 31 + W);
  const b = new GraphBuilder();
  b.input('x', [H, W, 2]);
  b.add({
    name: 'if1',
    op: 'IF',
    inputs: ['x'],
    attrs: { neuron: { vThreshold: 1, vReset: null, v0: { fractionOfThreshold: 0.5 } }, amplitude: 'threshold' },
    params: { vThreshold: tf.tensor1d([0.3, 0.45]) },
  });
  b.add({ name: 'c', op: 'Conv2d', inputs: ['if1'], attrs: { pads: [1, 1, 1, 1] }, params: { weight: t([3, 3, 2, C], -1, 1), bias: t([C], -0.3, 0.3) } });
  b.add({ name: 'gap', op: 'GlobalAvgPool', inputs: ['c'] });
  b.add({ name: 'flat', op: 'Flatten', inputs: ['gap'] });
  return b.output('flat').build();
}

describe('GlobalAvgPool kernel (plain float32 sums)', () => {
  it('equals tf.mean over [1, 2] on the wasm backend bit for bit: fl(Σ in row-major order) / HW', () => {
    const r = rng(5);
    for (const [N, H, W, C] of [
      [50, 7, 7, 64],
      [8, 13, 5, 3],
      [4, 32, 32, 16],
      [2, 1, 9, 8],
    ]) {
      const x = Float32Array.from({ length: N * H * W * C }, () => (r() - 0.3) * 10 ** (r() * 6 - 3));
      const want = tf.tidy(() => tf.mean(tf.tensor(x, [N, H, W, C]), [1, 2]).dataSync() as Float32Array);
      const acc = new Float32Array(C);
      const got = new Float32Array(N * C);
      for (let n = 0; n < N; n++) {
        acc.fill(0);
        for (let p = 0; p < H * W; p++) for (let c = 0; c < C; c++) acc[c] += x[(n * H * W + p) * C + c];
        for (let c = 0; c < C; c++) got[n * C + c] = acc[c] / (H * W);
      }
      expect(got, `${[N, H, W, C]}`).toEqual(want);
    }
  });

  it('runs the GAP of a conv of spikes (20 channels: a SIMD group of 16 and one vector; 8) and of the residual SNN: sums bit-identical to the reference, every kernel set (SIMD and JS)', () => {
    for (const snn of [gapNet(6, 5, 20), gapNet(3, 4, 8), residualSnn(true)]) {
      const runner = new ChunkedRunner(compilePlan(snn, true), { T: 4, encoder: constantEncoder(), engine: { chunk: 2 } });
      expect(runner.kernelOf('gap')).toBe('js-global-avg-pool');
      const [H, W, C] = snn.inputs[0].shape;
      const r = rng(11);
      const n = 9;
      const x = Float32Array.from({ length: n * H * W * C }, () => r());
      const ref = referenceSums(snn, x, n, [H, W, C], 10);
      for (const kernels of KERNELS)
        for (const chunk of [1, 3, 10]) expect(maxDiff(engineSums(snn, x, n, 10, chunk, undefined, kernels), ref), `${kernels}, chunk ${chunk}`).toBe(0);
    }
  });
});
