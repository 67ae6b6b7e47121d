import { beforeAll, describe, expect, it } from 'vitest';
import { attr, node, writeModel } from '../../test/helpers/onnx-writer.js';
import { img } from '../../test/helpers/image-models.js';
import { useBackend } from '../../test/helpers/run.js';
import { planImport } from '../index.js';

beforeAll(() => useBackend('wasm'));

describe('Constant', () => {
  it('Constant refuses values it cannot hold', () => {
    const bytes = writeModel({ nodes: [node('Constant', [], ['c'], [attr.s('value_string', 'hi')])], inputs: [img('x')], outputs: [img('x')] });
    expect(() => planImport(bytes)).toThrow(/value attribute \(value_string\) is not supported/);
  });
});
