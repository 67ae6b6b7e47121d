import { beforeAll, describe, expect, it } from 'vitest';
import { maxDiff, opModel, opsOf, runModel } from '../../test/helpers/op-model.js';
import { floatTensor, node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

describe('Div', () => {
  it('x / c is x·(1/c), merged with the Sub before it into one Affine', () => {
    const bytes = writeModel({
      nodes: [node('Sub', ['x', 'm'], ['c']), node('Div', ['c', 's'], ['y'])],
      initializers: [floatTensor('m', [], [0.5]), floatTensor('s', [], [0.25])],
      inputs: [valueInfo('x', ['N', 4])],
      outputs: [valueInfo('y', ['N', 4])],
    });
    expect(opsOf(bytes)).toEqual(['Affine']);
    expect(maxDiff(runModel(bytes, { dims: [1, 4], data: Float32Array.of(0, 0.5, 1, 2) }).data, [-2, 0, 2, 6])).toBeLessThan(1e-6);
  });

  it('refuses c / x (not affine)', () => {
    const bytes = writeModel({
      nodes: [node('Div', ['c', 'x'], ['y'], [], 'd')],
      initializers: [floatTensor('c', [], [1])],
      inputs: [valueInfo('x', ['N', 4])],
      outputs: [valueInfo('y', ['N', 4])],
    });
    expect(() => opsOf(bytes)).toThrow(/dividing the constant 'c' by a computed tensor is not supported.*node d, op Div/);
    expect(() => opsOf(opModel('Div', { x: ['N', 2], more: ['x'] }))).toThrow(/dividing two computed tensors/);
  });
});
