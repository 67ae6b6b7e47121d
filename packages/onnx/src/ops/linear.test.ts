import { beforeAll, describe, expect, it } from 'vitest';
import { attr, floatTensor, int64Tensor, node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
import { linearT, rand, type T } from '../../test/helpers/reference-ops.js';
import { maxAbsDiff, runNchw, useBackend } from '../../test/helpers/run.js';
import { importOnnx, planImport } from '../index.js';

beforeAll(() => useBackend('wasm'));

const X = rand([2, 3, 2, 4], 21); // C=3, H=2, W=4: the C·H·W and H·W·C orders differ
const W = rand([5, 24], 22); // [out, in]
const Bv = rand([5], 23);

const flat = (x: T): T => ({ dims: [x.dims[0], x.data.length / x.dims[0]], data: x.data });
const scale = (t: T, s: number): T => ({ dims: t.dims, data: t.data.map((v) => v * s) });

function run(bytes: Uint8Array, x: T = X) {
  const g = importOnnx(bytes);
  const y = runNchw(g, x);
  g.dispose();
  return y;
}

describe('Gemm / MatMul after Flatten', () => {
  it('permutes Gemm weight rows from C·H·W to H·W·C (transB=1, alpha, beta)', () => {
    const bytes = writeModel({
      nodes: [node('Flatten', ['x'], ['f']), node('Gemm', ['f', 'W', 'B'], ['y'], [attr.i('transB', 1), attr.f('alpha', 0.5), attr.f('beta', 2)])],
      initializers: [floatTensor('W', W.dims, W.data), floatTensor('B', [1, 5], Bv.data)],
      inputs: [valueInfo('x', ['N', 3, 2, 4])],
      outputs: [valueInfo('y', ['N', 5])],
    });
    const plan = planImport(bytes);
    expect(plan.specs.map((s) => s.op)).toEqual(['Flatten', 'Linear']);
    expect(plan.specs[1].params?.weight.dims).toEqual([24, 5]);
    const ref = linearT(flat(X), scale(W, 0.5), scale(Bv, 2).data);
    expect(maxAbsDiff(run(bytes).data, ref.data)).toBeLessThan(1e-5);
  });

  it('permutes MatMul weights too, and folds the Add after it into the bias', () => {
    // MatMul's B is [in, out]: the transpose of W.
    const wt = new Float32Array(24 * 5);
    for (let o = 0; o < 5; o++) for (let i = 0; i < 24; i++) wt[i * 5 + o] = W.data[o * 24 + i];
    const bytes = writeModel({
      nodes: [node('Flatten', ['x'], ['f']), node('MatMul', ['f', 'Wt'], ['m']), node('Add', ['B', 'm'], ['y'])],
      initializers: [floatTensor('Wt', [24, 5], wt), floatTensor('B', [5], Bv.data)],
      inputs: [valueInfo('x', ['N', 3, 2, 4])],
      outputs: [valueInfo('y', ['N', 5])],
    });
    const plan = planImport(bytes);
    expect(plan.specs.map((s) => s.op)).toEqual(['Flatten', 'Linear']);
    expect(plan.specs[1].params?.bias.dims).toEqual([5]);
    expect(maxAbsDiff(run(bytes).data, linearT(flat(X), W, Bv.data).data)).toBeLessThan(1e-5);
  });

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

  it('treats a constant Reshape to [N, features] as a Flatten', () => {
    for (const shape of [
      [-1, 24],
      [0, -1],
      [1, -1],
    ]) {
      const bytes = writeModel({
        nodes: [node('Reshape', ['x', 's'], ['f']), node('Gemm', ['f', 'W', 'B'], ['y'], [attr.i('transB', 1)])],
        initializers: [int64Tensor('s', [2], shape), floatTensor('W', W.dims, W.data), floatTensor('B', [5], Bv.data)],
        inputs: [valueInfo('x', ['N', 3, 2, 4])],
        outputs: [valueInfo('y', ['N', 5])],
      });
      expect(maxAbsDiff(run(bytes).data, linearT(flat(X), W, Bv.data).data)).toBeLessThan(1e-5);
    }
  });

  it("folds PyTorch's x.view(x.size(0), -1): Shape → Gather → Unsqueeze → Concat → Reshape", () => {
    const bytes = writeModel({
      nodes: [
        node('Shape', ['x'], ['s']),
        node('Constant', [], ['zero'], [attr.t('value', int64Tensor('', [], [0]))]),
        node('Gather', ['s', 'zero'], ['n'], [attr.i('axis', 0)]),
        node('Unsqueeze', ['n', 'axes'], ['n1']),
        node('Concat', ['n1', 'minus1'], ['target'], [attr.i('axis', 0)]),
        node('Reshape', ['x', 'target'], ['f']),
        node('Gemm', ['f', 'W', 'B'], ['y'], [attr.i('transB', 1)]),
      ],
      initializers: [int64Tensor('axes', [1], [0]), int64Tensor('minus1', [1], [-1]), floatTensor('W', W.dims, W.data), floatTensor('B', [5], Bv.data)],
      inputs: [valueInfo('x', ['N', 3, 2, 4])],
      outputs: [valueInfo('y', ['N', 5])],
    });
    expect(planImport(bytes).specs.map((s) => s.op)).toEqual(['Flatten', 'Linear']);
    expect(maxAbsDiff(run(bytes).data, linearT(flat(X), W, Bv.data).data)).toBeLessThan(1e-5);
    const gatherRuntime = writeModel({
      nodes: [node('Gather', ['x', 'i'], ['y'])],
      initializers: [int64Tensor('i', [], [0])],
      inputs: [valueInfo('x', ['N', 3, 2, 4])],
      outputs: [valueInfo('y', ['N', 2, 4])],
    });
    expect(() => planImport(gatherRuntime)).toThrow(/input 0 \('x'\) must be a constant.*op Gather/);
  });

  it("keeps ONNX's row-major order through other reshapes and a flattened map as a graph output", () => {
    const reshape = writeModel({
      nodes: [node('Reshape', ['x', 's'], ['y'])],
      initializers: [int64Tensor('s', [3], [-1, 6, 4])],
      inputs: [valueInfo('x', ['N', 3, 2, 4])],
      outputs: [valueInfo('y', ['N', 6, 4])],
    });
    // [N, 6, 4] is held as [N, 1, 4, 6]; runNchw hands it back as [N, 6, 1, 4], i.e. ONNX's values in order.
    expect(Array.from(run(reshape).data)).toEqual(Array.from(X.data));
    const out = writeModel({ nodes: [node('Flatten', ['x'], ['y'])], inputs: [valueInfo('x', ['N', 3, 2, 4])], outputs: [valueInfo('y', ['N', 24])] });
    expect(planImport(out).specs.map((sp) => sp.op)).toEqual(['Flatten', 'Reshape', 'Transpose', 'Reshape']);
    expect(Array.from(run(out).data)).toEqual(Array.from(X.data));
    const bad = writeModel({
      nodes: [node('Reshape', ['x', 's'], ['y'])],
      initializers: [int64Tensor('s', [2], [-1, 5])],
      inputs: [valueInfo('x', ['N', 3, 2, 4])],
      outputs: [valueInfo('y', ['N', 4])],
    });
    expect(() => planImport(bad)).toThrow(
      /reshaping \[N, 3, 2, 4\] to \[-1, 5\] is not supported; the first entry must stay the batch and the rest hold its 24 values/,
    );
  });

  it('adds a constant that is not a bias as an Affine node, and refuses transA=1', () => {
    const bytes = writeModel({
      nodes: [node('Relu', ['x'], ['r']), node('Add', ['r', 'B'], ['y'])],
      initializers: [floatTensor('B', [4], [1, 2, 3, 4])],
      inputs: [valueInfo('x', ['N', 4])],
      outputs: [valueInfo('y', ['N', 4])],
    });
    expect(planImport(bytes).specs.map((sp) => sp.op)).toEqual(['ReLU', 'Affine']);
    const x = rand([2, 4], 24);
    const y = run(bytes, x);
    expect(
      maxAbsDiff(
        y.data,
        x.data.map((v, i) => Math.max(0, v) + [1, 2, 3, 4][i % 4]),
      ),
    ).toBeLessThan(1e-6);
    const transA = writeModel({
      nodes: [node('Gemm', ['x', 'W'], ['y'], [attr.i('transA', 1)])],
      initializers: [floatTensor('W', [4, 4], new Float32Array(16))],
      inputs: [valueInfo('x', ['N', 4])],
      outputs: [valueInfo('y', ['N', 4])],
    });
    expect(() => planImport(transA)).toThrow(/transA=1 is not supported.*op Gemm/);
  });
});
