import { beforeAll, describe, expect, it } from 'vitest';
import { node, valueInfo, writeModel } from '../../test/helpers/onnx-writer.js';
import { rand, type T } from '../../test/helpers/reference-ops.js';
import { maxAbsDiff, runNchw, useBackend } from '../../test/helpers/run.js';
import { importOnnx, planImport } from '../index.js';

beforeAll(() => useBackend('wasm'));

const X = rand([2, 3, 4, 5], 41);
const img = (name: string, c = 3) => valueInfo(name, ['N', c, 4, 5]);

function run(bytes: Uint8Array, x: T = X) {
  const g = importOnnx(bytes);
  const y = runNchw(g, x);
  g.dispose();
  return y;
}

describe('Identity', () => {
  it('a graph input passed straight to the output gets an Identity node', () => {
    const bytes = writeModel({ nodes: [node('Identity', ['x'], ['y'])], inputs: [img('x')], outputs: [img('y')] });
    expect(planImport(bytes).specs).toMatchObject([{ op: 'Identity', inputs: ['x'] }]);
    expect(maxAbsDiff(run(bytes).data, X.data)).toBe(0);
  });
});
