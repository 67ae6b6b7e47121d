import { beforeAll, describe, expect, it } from 'vitest';
import { opsOf, runModel } from '../../test/helpers/op-model.js';
import { attr, int64Tensor, node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

/** x → Pad(pads) → MaxPool(k) on a ReLU'd sequence [N, 1, 4]. */
function padPool(pads: number[], k: number) {
  return writeModel({
    nodes: [
      node('Relu', ['x'], ['r']),
      node('Pad', ['r', 'p'], ['rp'], [attr.s('mode', 'constant')], 'the_pad'),
      node('MaxPool', ['rp'], ['y'], [attr.ints('kernel_shape', [k]), attr.ints('strides', [k])]),
    ],
    initializers: [int64Tensor('p', [pads.length], pads)],
    inputs: [valueInfo('x', ['N', 1, 4])],
    outputs: [valueInfo('y', ['N', 1, 'L'])],
  });
}

describe('Pad', () => {
  it('a zero Pad over L of a sequence folds into the pool after a ReLU (no node of its own)', () => {
    const bytes = padPool([0, 0, 1, 0, 0, 1], 2);
    expect(opsOf(bytes)).toEqual(['ReLU', 'MaxPool2d']);
    // relu(x) = [0, 3, 0, 5] padded to [0, 0, 3, 0, 5, 0] → max over pairs [0, 3, 5].
    expect(Array.from(runModel(bytes, { dims: [1, 1, 4], data: Float32Array.of(-1, 3, -2, 5) }).data)).toEqual([0, 3, 5]);
  });

  it('refuses padding of the channel axis, naming the node', () => {
    expect(() => opsOf(padPool([0, 1, 0, 0, 0, 0], 2))).toThrow(/pad the batch or channel axis.*node the_pad, op Pad/);
  });
});
