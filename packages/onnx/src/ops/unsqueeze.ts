import type { OpHandler } from '../registry.js';
import { relayout } from '../layout.js';

/**
 * ONNX `Unsqueeze`: inserts size-1 axes (the `axes` attribute before opset 13, the constant input 1
 * after). On an import-time constant it is folded; on a computed tensor it is relaid out in the
 * graph, with the batch kept first (axis 0 is refused).
 */
export const unsqueeze: OpHandler = {
  opType: 'Unsqueeze',
  note: 'import-time on a constant; on a computed tensor a relayout inserting non-batch axes',
  convert(node, ctx) {
    const v = ctx.value(node, 0);
    const axesT = ctx.opset >= 13 ? ctx.constant(node, 1) : undefined;
    const axes = ctx.opset >= 13 ? Array.from(axesT?.data ?? []) : ctx.attrs(node).ints('axes');
    const inDims = v.kind === 'constant' ? v.tensor.dims : v.kind === 'tensor' ? [0, ...v.shape] : [];
    const rank = inDims.length + axes.length;
    const norm = axes.map((a) => (a < 0 ? a + rank : a)).sort((a, b) => a - b);
    if (axes.length === 0 || norm.some((a, i) => !Number.isInteger(a) || a < 0 || a >= rank || a === norm[i - 1]))
      throw ctx.fail(node, 'graph', `axes [${axes.join(', ')}] are invalid for a rank-${inDims.length} input`);
    const dims = [...inDims];
    for (const a of norm) dims.splice(a, 0, 1);
    if (v.kind === 'constant') return ctx.define(node.outputs[0], { kind: 'constant', tensor: { ...v.tensor, name: node.outputs[0], dims } });
    if (norm[0] === 0) throw ctx.fail(node, 'unsupported-attr', `axes [${axes.join(', ')}] put a new axis before the batch`);
    ctx.define(node.outputs[0], relayout(ctx, node, ctx.tensor(node, 0), { shape: dims.slice(1) }));
  },
};
