import { beforeAll, describe, expect, it } from 'vitest';
import { maxDiff, opModel, opsOf, runModel } from '../../test/helpers/op-model.js';
import { attr, floatTensor, node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
import { conv, rand } from '../../test/helpers/reference-ops.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];
const W = rand([4, 3, 3, 3], 61);

/** (x − mean) / std → Conv (PyTorch's input normalisation inside forward). */
function normConv(pads: number[]) {
  return writeModel({
    nodes: [node('Sub', ['x', 'mean'], ['c']), node('Div', ['c', 'std'], ['n']), node('Conv', ['n', 'W'], ['y'], [attr.ints('pads', pads)], 'conv')],
    initializers: [floatTensor('mean', [1, 3, 1, 1], MEAN), floatTensor('std', [1, 3, 1, 1], STD), floatTensor('W', W.dims, W.data)],
    inputs: [valueInfo('x', ['N', 3, 5, 5])],
    outputs: [valueInfo('y', ['N', 4, 'h', 'w'])],
  });
}

describe('Sub', () => {
  it('x − c per channel ([1, C, 1, 1] broadcast) is an Affine', () => {
    const x = { dims: [1, 2, 1, 2], data: Float32Array.of(1, 2, 3, 4) };
    const bytes = opModel('Sub', { x: ['N', 2, 1, 2], more: ['c'], initializers: [floatTensor('c', [1, 2, 1, 1], [1, 10])] });
    expect(opsOf(bytes)).toEqual(['Affine']);
    expect(Array.from(runModel(bytes, x).data)).toEqual([0, 1, -7, -6]);
  });

  it('c − x is x·(−1) + c', () => {
    const bytes = writeModel({
      nodes: [node('Sub', ['c', 'x'], ['y'])],
      initializers: [floatTensor('c', [], [5])],
      inputs: [valueInfo('x', ['N', 3])],
      outputs: [valueInfo('y', ['N', 3])],
    });
    expect(Array.from(runModel(bytes, { dims: [1, 3], data: Float32Array.of(1, 2, 7) }).data)).toEqual([4, 3, -2]);
  });

  it('x − y of two computed tensors is an Add of x and y·(−1)', () => {
    const bytes = writeModel({
      nodes: [node('Relu', ['x'], ['r']), node('Sub', ['x', 'r'], ['y'])],
      inputs: [valueInfo('x', ['N', 3])],
      outputs: [valueInfo('y', ['N', 3])],
    });
    expect(opsOf(bytes)).toEqual(['ReLU', 'Affine', 'Add']);
    expect(Array.from(runModel(bytes, { dims: [1, 3], data: Float32Array.of(-1, 2, -3) }).data)).toEqual([-1, 0, -3]); // min(x, 0)
  });

  it('(x − mean) / std folds into the Conv after it when the conv has no padding', () => {
    const x = rand([2, 3, 5, 5], 62);
    const norm = { dims: x.dims, data: x.data.map((v, i) => (v - MEAN[Math.floor(i / 25) % 3]) / STD[Math.floor(i / 25) % 3]) };
    const folded = normConv([0, 0, 0, 0]);
    expect(opsOf(folded)).toEqual(['Conv2d']);
    expect(maxDiff(runModel(folded, x).data, conv(norm, W, undefined, [0, 0, 0, 0], [1, 1]).data)).toBeLessThan(1e-5);
    // With zero padding a padded 0 would become −mean/std: kept as an Affine node.
    const padded = normConv([1, 1, 1, 1]);
    expect(opsOf(padded)).toEqual(['Affine', 'Conv2d']);
    expect(maxDiff(runModel(padded, x).data, conv(norm, W, undefined, [1, 1, 1, 1], [1, 1]).data)).toBeLessThan(1e-5);
  });

  it('refuses a constant that varies along the batch axis', () => {
    const bytes = opModel('Sub', { x: ['N', 3], more: ['c'], initializers: [floatTensor('c', [2, 3], new Float32Array(6))] });
    expect(() => opsOf(bytes)).toThrow(/the constant 'c' \[2, 3\] varies along the batch axis.*node the_node, op Sub/);
  });
});
