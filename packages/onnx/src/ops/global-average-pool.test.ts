import { beforeAll, describe, expect, it } from 'vitest';
import { node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
import { pool } from '../../test/helpers/reference-ops.js';
import { runNchw, useBackend } from '../../test/helpers/run.js';
import { checkPool } from '../../test/helpers/pool-models.js';
import { importOnnx } from '../index.js';

beforeAll(() => useBackend('wasm'));

describe('GlobalAveragePool', () => {
  it('averages over H and W', () => {
    const bytes = writeModel({
      nodes: [node('GlobalAveragePool', ['x'], ['y'])],
      inputs: [valueInfo('x', ['N', 3, 6, 6])],
      outputs: [valueInfo('y', ['N', 3, 1, 1])],
    });
    checkPool(bytes, (x) => pool('avg', x, [6, 6], [1, 1], [0, 0, 0, 0], false));
  });
});

describe('GlobalAveragePool on a sequence', () => {
  it('averages over L of [N, C, L]', () => {
    const bytes = writeModel({
      nodes: [node('GlobalAveragePool', ['x'], ['y'])],
      inputs: [valueInfo('x', ['N', 2, 4])],
      outputs: [valueInfo('y', ['N', 2, 1])],
    });
    const g = importOnnx(bytes);
    expect(Array.from(runNchw(g, { dims: [1, 2, 4], data: Float32Array.of(1, 2, 3, 6, -1, -1, -1, -5) }).data)).toEqual([3, -2]);
    g.dispose();
  });
});
