import { beforeAll, describe, expect, it } from 'vitest';
import { node, writeModel } from '../../test/helpers/onnx-writer.js';
import { img, run, X } from '../../test/helpers/image-models.js';
import { maxAbsDiff, useBackend } from '../../test/helpers/run.js';
import { planImport } from '../index.js';

beforeAll(() => useBackend('wasm'));

describe('Identity', () => {
  it('a graph input passed straight to the output gets an Identity node', () => {
    const bytes = writeModel({ nodes: [node('Identity', ['x'], ['y'])], inputs: [img('x')], outputs: [img('y')] });
    expect(planImport(bytes).specs).toMatchObject([{ op: 'Identity', inputs: ['x'] }]);
    expect(maxAbsDiff(run(bytes).data, X.data)).toBe(0);
  });
});
