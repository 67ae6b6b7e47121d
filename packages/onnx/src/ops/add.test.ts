import { beforeAll, describe, expect, it } from 'vitest';
import { node, writeModel } from '../../test/helpers/onnx-writer.js';
import { img, map, run, X } from '../../test/helpers/image-models.js';
import { maxAbsDiff, useBackend } from '../../test/helpers/run.js';
import { planImport } from '../index.js';

beforeAll(() => useBackend('wasm'));

describe('Add', () => {
  it('adds two computed tensors (a residual) and sums three', () => {
    const add = writeModel({ nodes: [node('Relu', ['x'], ['r']), node('Add', ['x', 'r'], ['y'])], inputs: [img('x')], outputs: [img('y')] });
    expect(maxAbsDiff(run(add).data, map(X, (v) => v + Math.max(0, v)).data)).toBeLessThan(1e-6);
    const sum = writeModel({ nodes: [node('Relu', ['x'], ['r']), node('Sum', ['x', 'r', 'r'], ['y'])], inputs: [img('x')], outputs: [img('y')] });
    expect(planImport(sum).specs[1]).toMatchObject({ op: 'Add', inputs: ['x', 'Relu_r', 'Relu_r'] });
    expect(maxAbsDiff(run(sum).data, map(X, (v) => v + 2 * Math.max(0, v)).data)).toBeLessThan(1e-6);
  });

  it('refuses broadcasting adds', () => {
    const bytes = writeModel({
      nodes: [node('GlobalAveragePool', ['x'], ['p']), node('Add', ['x', 'p'], ['y'])],
      inputs: [img('x')],
      outputs: [img('y')],
    });
    expect(() => planImport(bytes)).toThrow(/shapes \[N, 3, 4, 5\] and \[N, 3, 1, 1\]; broadcasting two computed tensors is not supported/);
  });
});
