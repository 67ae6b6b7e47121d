// The Affine kernel (a per-channel shift: the bias that bias correction splits off a layer) against the
// reference engine bit for bit, inside the chunked engine on a map of sums that vary in time; and which
// Affine nodes it takes (a per-channel shift, channels a multiple of 4) and leaves to the tfjs layer.
import { initBackend } from '@snn/backend';
import { GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { engineSums, KERNELS, maxDiff, referenceSums, rng, uniformTensors } from '../../../test/helpers.js';
import { constantEncoder } from '../../encoders/constant.js';
import { compilePlan } from '../plan.js';
import { ChunkedRunner } from '../runner.js';

beforeAll(async () => {
  await initBackend('wasm');
});

/** x → IF → 3×3 conv without bias (sums) → Affine (`params`) → IF → Flatten: the Affine reads values that vary in time and feeds a neuron. */
function affineNet(C: number, params: (t: ReturnType<typeof uniformTensors>) => Record<string, tf.Tensor>) {
  const t = uniformTensors(C * 7);
  const b = new GraphBuilder();
  b.input('x', [5, 6, 2]);
  const neuron = { vThreshold: 1, vReset: null, v0: { fractionOfThreshold: 0.5 } };
  b.add({ name: 'if1', op: 'IF', inputs: ['x'], attrs: { neuron, amplitude: 'threshold' }, params: { vThreshold: tf.tensor1d([0.3, 0.45]) } });
  b.add({ name: 'sums', op: 'Conv2d', inputs: ['if1'], attrs: { pads: [1, 1, 1, 1] }, params: { weight: t([3, 3, 2, C], -1, 1) } });
  b.add({ name: 'bias', op: 'Affine', inputs: ['sums'], params: params(t) });
  b.add({ name: 'if2', op: 'IF', inputs: ['bias'], attrs: { neuron, amplitude: 'threshold' }, params: { vThreshold: t([C], 0.2, 0.6) } });
  b.add({ name: 'flat', op: 'Flatten', inputs: ['if2'] });
  return b.output('flat').build();
}

describe('Affine kernel (a per-channel shift in the kernel arena)', () => {
  it('takes a shift per channel (C a multiple of 4; [C] or [1, 1, C]); leaves a scale, an odd C and a shift per element to the layer', () => {
    const kernelOf = (snn: ReturnType<typeof affineNet>) =>
      new ChunkedRunner(compilePlan(snn, true), { T: 2, encoder: constantEncoder(), engine: { chunk: 2 } }).kernelOf('bias');
    expect(kernelOf(affineNet(8, (t) => ({ shift: t([8], -0.5, 0.5) })))).toBe('wasm-affine');
    expect(kernelOf(affineNet(8, (t) => ({ shift: t([1, 1, 8], -0.5, 0.5) })))).toBe('wasm-affine');
    expect(kernelOf(affineNet(8, (t) => ({ scale: t([8], 0.5, 2), shift: t([8], -0.5, 0.5) })))).toBe('tensor');
    expect(kernelOf(affineNet(6, (t) => ({ shift: t([6], -0.5, 0.5) })))).toBe('tensor');
    expect(kernelOf(affineNet(8, (t) => ({ shift: t([5, 6, 8], -0.5, 0.5) })))).toBe('tensor');
  });

  it('gives the sums of the reference engine (tf.add of the layer) bit for bit, every kernel set and chunk', () => {
    for (const C of [8, 20]) {
      const snn = affineNet(C, (t) => ({ shift: t([C], -0.5, 0.5) }));
      const r = rng(C);
      const n = 7;
      const x = Float32Array.from({ length: n * 5 * 6 * 2 }, () => r());
      const ref = referenceSums(snn, x, n, [5, 6, 2], 10);
      for (const kernels of KERNELS)
        for (const chunk of [1, 3, 10])
          expect(maxDiff(engineSums(snn, x, n, 10, chunk, undefined, kernels), ref), `C ${C}, ${kernels}, chunk ${chunk}`).toBe(0);
    }
  });
});
