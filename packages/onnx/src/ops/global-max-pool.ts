import type { OpHandler } from '../registry.js';

/**
 * ONNX `GlobalMaxPool` → `GlobalMaxPool`: the max over the spatial axes, output `[N, C, 1, 1]`
 * (graph: `[N, 1, 1, C]`), or `[N, C, 1]` for a sequence.
 */
export const globalMaxPool: OpHandler = {
  opType: 'GlobalMaxPool',
  note: '→ GlobalMaxPool over the spatial axes of [N, C, L] or [N, C, H, W]',
  convert(node, ctx) {
    const x = ctx.tensor(node, 0);
    if (x.shape.length !== 2 && x.shape.length !== 3)
      throw ctx.fail(node, 'unsupported-op', `its input has shape [N, ${x.shape.join(', ')}]; only [N, C, L] and [N, C, H, W] inputs are supported`);
    const ref = ctx.emit(node, { op: 'GlobalMaxPool', inputs: [x.ref], attrs: {} });
    ctx.define(node.outputs[0], { kind: 'tensor', ref, shape: [x.shape[0], ...x.shape.slice(1).map(() => 1)] });
  },
};
