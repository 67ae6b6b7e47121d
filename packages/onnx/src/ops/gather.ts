import type { OpHandler } from '../registry.js';

/**
 * ONNX `Gather` on import-time constants (picking entries of a shape): 1-D `data`, scalar or 1-D
 * `indices` (negative counts from the end), axis 0 (the default). Gathering computed tensors is refused.
 */
export const gather: OpHandler = {
  opType: 'Gather',
  note: 'import-time only: picks entries of a 1-D constant (shape arithmetic)',
  convert(node, ctx) {
    const data = ctx.constant(node, 0);
    const indices = ctx.constant(node, 1);
    if (!data || !indices) throw ctx.fail(node, 'graph', 'it needs both data and indices');
    const axis = ctx.attrs(node).int('axis', 0);
    if (data.dims.length !== 1 || (axis !== 0 && axis !== -1) || indices.dims.length > 1)
      throw ctx.fail(node, 'unsupported-op', `only gathering from a 1-D constant along axis 0 is supported (data [${data.dims.join(', ')}], axis ${axis})`);
    const n = data.dims[0];
    const picked = Array.from(indices.data, (i) => {
      const k = i < 0 ? i + n : i;
      if (!Number.isInteger(k) || k < 0 || k >= n) throw ctx.fail(node, 'graph', `index ${i} is out of range for ${n} entries`);
      return data.data[k];
    });
    ctx.define(node.outputs[0], {
      kind: 'constant',
      tensor: {
        name: node.outputs[0],
        dims: [...indices.dims],
        kind: data.kind,
        data: data.kind === 'int' ? Float64Array.from(picked) : Float32Array.from(picked),
      },
    });
  },
};
