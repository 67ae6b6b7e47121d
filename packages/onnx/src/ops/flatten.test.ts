import { beforeAll, describe, expect, it } from 'vitest';
import { opModel, opsOf, runModel } from '../../test/helpers/op-model.js';
import { attr } from '../../test/helpers/onnx-writer.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

describe('Flatten', () => {
  it("as a graph output keeps ONNX's C·L order (the graph holds L·C)", () => {
    const x = { dims: [1, 2, 3], data: Float32Array.of(0, 1, 2, 3, 4, 5) };
    const bytes = opModel('Flatten', { x: ['N', 2, 3], y: ['N', 6] });
    expect(opsOf(bytes)[0]).toBe('Flatten');
    expect(Array.from(runModel(bytes, x).data)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('refuses an axis other than 1 (it would mix samples)', () => {
    expect(() => opsOf(opModel('Flatten', { x: ['N', 2, 3], attrs: [attr.i('axis', 2)] }))).toThrow(/axis=2 on a rank-3 input is not supported.*op Flatten/);
  });
});
