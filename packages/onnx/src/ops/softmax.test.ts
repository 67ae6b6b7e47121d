import { beforeAll, describe, expect, it } from 'vitest';
import { maxDiff, opModel, opsOf, runModel } from '../../test/helpers/op-model.js';
import { attr } from '../../test/helpers/onnx-writer.js';
import { useBackend } from '../../test/helpers/run.js';

beforeAll(() => useBackend('wasm'));

// x = [[0, 1, 2], [3, 3, 3]] as [N, 2, 3].
const x = { dims: [1, 2, 3], data: Float32Array.of(0, 1, 2, 3, 3, 3) };
const z = 1 + Math.E + Math.E ** 2;

describe('Softmax', () => {
  it('opset 13: over the last axis by default (e^x_i / Σ_j e^x_j per row)', () => {
    const bytes = opModel('Softmax', { x: ['N', 2, 3] });
    expect(opsOf(bytes)).toEqual(['Softmax']);
    expect(maxDiff(runModel(bytes, x).data, [1 / z, Math.E / z, Math.E ** 2 / z, 1 / 3, 1 / 3, 1 / 3])).toBeLessThan(1e-6);
  });

  it('over the channel axis (axis=1): per column', () => {
    const y = runModel(opModel('Softmax', { x: ['N', 2, 3], attrs: [attr.i('axis', 1)] }), x).data;
    const col = (a: number, b: number) => [Math.exp(a) / (Math.exp(a) + Math.exp(b)), Math.exp(b) / (Math.exp(a) + Math.exp(b))];
    const [c0, c1, c2] = [col(0, 3), col(1, 3), col(2, 3)];
    expect(maxDiff(y, [c0[0], c1[0], c2[0], c0[1], c1[1], c2[1]])).toBeLessThan(1e-6);
  });

  it('before opset 13: over all axes from axis=1 on (the input seen as 2-D)', () => {
    const y = runModel(opModel('Softmax', { x: ['N', 2, 3], opset: 11 }), x).data;
    const all = z + 3 * Math.E ** 3;
    expect(
      maxDiff(
        y,
        Array.from(x.data, (v) => Math.exp(v) / all),
      ),
    ).toBeLessThan(1e-6);
  });

  it('refuses the batch axis', () => {
    expect(() => opsOf(opModel('Softmax', { x: ['N', 2, 3], attrs: [attr.i('axis', 0)] }))).toThrow(/include the batch axis 0.*node the_node, op Softmax/);
  });
});
