import { beforeAll, describe, expect, it } from 'vitest';
import { runModel } from '../../test/helpers/op-model.js';
import { attr, node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

describe('Shape', () => {
  it("folds to [batch, ...dims]: reshaping x's transpose to x's shape gives numpy's values", () => {
    const bytes = writeModel({
      nodes: [node('Transpose', ['x'], ['t'], [attr.ints('perm', [0, 2, 1])]), node('Shape', ['x'], ['s']), node('Reshape', ['t', 's'], ['y'])],
      inputs: [valueInfo('x', ['N', 2, 3])],
      outputs: [valueInfo('y', ['N', 2, 3])],
    });
    // x = [[0, 1, 2], [3, 4, 5]]; its transpose row-major is 0, 3, 1, 4, 2, 5, reshaped to [2, 3] as it is.
    expect(Array.from(runModel(bytes, { dims: [1, 2, 3], data: Float32Array.of(0, 1, 2, 3, 4, 5) }).data)).toEqual([0, 3, 1, 4, 2, 5]);
  });
});
