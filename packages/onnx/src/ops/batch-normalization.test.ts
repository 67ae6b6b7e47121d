import { beforeAll, describe, expect, it } from 'vitest';
import { attr, floatTensor, node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
import { linearT, rand } from '../../test/helpers/reference-ops.js';
import { Bv, flat, run, W, X } from '../../test/helpers/flatten-models.js';
import { maxAbsDiff, useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

describe('BatchNormalization', () => {
  it('permutes per-feature BatchNormalization statistics after a Flatten', () => {
    const c = 24;
    const [gamma, beta, mean] = [rand([c], 31), rand([c], 32), rand([c], 33)];
    const variance = rand([c], 34).data.map((v) => 0.5 + Math.abs(v));
    const bytes = writeModel({
      nodes: [
        node('Flatten', ['x'], ['f']),
        node('BatchNormalization', ['f', 'g', 'b', 'm', 'v'], ['n'], [attr.f('epsilon', 1e-3)]),
        node('Gemm', ['n', 'W', 'B'], ['y'], [attr.i('transB', 1)]),
      ],
      initializers: [
        floatTensor('g', [c], gamma.data),
        floatTensor('b', [c], beta.data),
        floatTensor('m', [c], mean.data),
        floatTensor('v', [c], variance),
        floatTensor('W', W.dims, W.data),
        floatTensor('B', [5], Bv.data),
      ],
      inputs: [valueInfo('x', ['N', 3, 2, 4])],
      outputs: [valueInfo('y', ['N', 5])],
    });
    const f = flat(X);
    const normed = f.data.map((v, i) => {
      const k = i % c;
      return (gamma.data[k] * (v - mean.data[k])) / Math.sqrt(variance[k] + 1e-3) + beta.data[k];
    });
    expect(maxAbsDiff(run(bytes).data, linearT({ dims: f.dims, data: normed }, W, Bv.data).data)).toBeLessThan(1e-4);
  });
});

describe('BatchNormalization on a sequence (BatchNorm1d on [N, C, L])', () => {
  it('normalises per channel: y = γ(x − μ)/√(σ² + ε) + β', () => {
    const bytes = writeModel({
      nodes: [node('BatchNormalization', ['x', 'g', 'b', 'm', 'v'], ['y'], [attr.f('epsilon', 0)])],
      initializers: [floatTensor('g', [2], [2, 1]), floatTensor('b', [2], [0, 1]), floatTensor('m', [2], [1, -1]), floatTensor('v', [2], [4, 1])],
      inputs: [valueInfo('x', ['N', 2, 3])],
      outputs: [valueInfo('y', ['N', 2, 3])],
    });
    // channel 0: 2(x − 1)/2 = x − 1; channel 1: (x + 1) + 1.
    expect(Array.from(run(bytes, { dims: [1, 2, 3], data: Float32Array.of(1, 3, 5, 0, 1, 2) }).data)).toEqual([0, 2, 4, 2, 3, 4]);
  });
});
