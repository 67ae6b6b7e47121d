import type { OpHandler } from '../registry.js';

/**
 * ONNX `Unsqueeze` of an import-time constant: inserts size-1 axes (the `axes` attribute before
 * opset 13, the constant input 1 after). Unsqueezing computed tensors is refused.
 */
export const unsqueeze: OpHandler = {
  opType: 'Unsqueeze',
  note: 'import-time only: of a constant',
  convert(node, ctx) {
    const data = ctx.constant(node, 0);
    if (!data) throw ctx.fail(node, 'graph', 'it has no input');
    const axesT = ctx.opset >= 13 ? ctx.constant(node, 1) : undefined;
    const axes = ctx.opset >= 13 ? Array.from(axesT?.data ?? []) : ctx.attrs(node).ints('axes');
    const rank = data.dims.length + axes.length;
    const norm = axes.map((a) => (a < 0 ? a + rank : a)).sort((a, b) => a - b);
    if (axes.length === 0 || norm.some((a, i) => !Number.isInteger(a) || a < 0 || a >= rank || a === norm[i - 1]))
      throw ctx.fail(node, 'graph', `axes [${axes.join(', ')}] are invalid for a rank-${data.dims.length} input`);
    const dims = [...data.dims];
    for (const a of norm) dims.splice(a, 0, 1);
    ctx.define(node.outputs[0], { kind: 'constant', tensor: { ...data, name: node.outputs[0], dims } });
  },
};
