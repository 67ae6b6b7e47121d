import { beforeAll, describe, expect, it } from 'vitest';
import { opModel, opsOf, runModel } from '../../test/helpers/op-model.js';
import { attr } from '../../test/helpers/onnx-writer.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

// x = 0..5 as [N, 2, 3].
const x = { dims: [1, 2, 3], data: Float32Array.of(0, 1, 2, 3, 4, 5) };

describe('Transpose', () => {
  it('perm [0, 2, 1] swaps C and L as numpy does', () => {
    const bytes = opModel('Transpose', { x: ['N', 2, 3], y: ['N', 3, 2], attrs: [attr.ints('perm', [0, 2, 1])] });
    expect(Array.from(runModel(bytes, x).data)).toEqual([0, 3, 1, 4, 2, 5]);
  });

  it('a perm that moves only size-1 axes moves no value (no Transpose node)', () => {
    // [N, 2, 3, 1] → [N, 2, 1, 3]: the graph holds both as H·W·C = 3·1·2 and 1·3·2, the same memory.
    const bytes = opModel('Transpose', { x: ['N', 2, 3, 1], y: ['N', 2, 1, 3], attrs: [attr.ints('perm', [0, 1, 3, 2])] });
    expect(opsOf(bytes)).toEqual(['Reshape']);
    expect(Array.from(runModel(bytes, { dims: [1, 2, 3, 1], data: x.data }).data)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('refuses a perm that moves the batch (the default reversed perm)', () => {
    expect(() => opsOf(opModel('Transpose', { x: ['N', 2, 3] }))).toThrow(/perm \[2, 1, 0\] moves the batch axis.*node the_node, op Transpose/);
  });
});
