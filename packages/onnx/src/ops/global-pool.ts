import type { OpHandler } from '../registry.js';

/**
 * A handler for an ONNX global pool (`opType`) that becomes the graph op `graphOp` over the spatial
 * axes: input `[N, C, L]` or `[N, C, H, W]`, output `[N, C, 1]` or `[N, C, 1, 1]`.
 */
export function globalPoolHandler(opType: string, graphOp: string, note: string): OpHandler {
  return {
    opType,
    note,
    convert(node, ctx) {
      const x = ctx.tensor(node, 0);
      if (x.shape.length !== 2 && x.shape.length !== 3)
        throw ctx.fail(node, 'unsupported-op', `its input has shape [N, ${x.shape.join(', ')}]; only [N, C, L] and [N, C, H, W] inputs are supported`);
      const ref = ctx.emit(node, { op: graphOp, inputs: [x.ref], attrs: {} });
      ctx.define(node.outputs[0], { kind: 'tensor', ref, shape: [x.shape[0], ...x.shape.slice(1).map(() => 1)] });
    },
  };
}
