import type { OpHandler } from '../registry.js';
import type { HostTensor } from '../tensor/host-tensor.js';

/**
 * ONNX `Constant`: an import-time value from `value` (a tensor), or since opset 12 `value_float`,
 * `value_floats`, `value_int`, `value_ints`. Sparse and string values are refused.
 */
export const constant: OpHandler = {
  opType: 'Constant',
  note: 'import-time value: tensor, value_float(s), value_int(s)',
  convert(node, ctx) {
    const a = ctx.attrs(node);
    const name = node.outputs[0];
    let t: HostTensor;
    const raw = a.tensor('value');
    if (raw) t = { ...ctx.decode({ ...raw, name: raw.name || name }), name };
    else if (a.has('value_float')) t = { name, dims: [], kind: 'float', data: Float32Array.of(a.float('value_float')) };
    else if (a.has('value_floats')) t = { name, dims: [a.floats('value_floats').length], kind: 'float', data: Float32Array.from(a.floats('value_floats')) };
    else if (a.has('value_int')) t = { name, dims: [], kind: 'int', data: Float64Array.of(a.int('value_int')) };
    else if (a.has('value_ints')) t = { name, dims: [a.ints('value_ints').length], kind: 'int', data: Float64Array.from(a.ints('value_ints')) };
    else throw ctx.fail(node, 'unsupported-attr', `its value attribute (${[...node.attributes.keys()].join(', ') || 'none'}) is not supported`);
    ctx.define(name, { kind: 'constant', tensor: t });
  },
};
