import type { OpHandler } from '../registry.js';

/** ONNX `GlobalAveragePool` → `GlobalAvgPool`: the mean over H and W, output `[N, C, 1, 1]` (graph: `[N, 1, 1, C]`). */
export const globalAveragePool: OpHandler = {
  opType: 'GlobalAveragePool',
  convert(node, ctx) {
    const x = ctx.tensor(node, 0);
    if (x.shape.length !== 3) throw ctx.fail(node, 'unsupported-op', `its input has shape [N, ${x.shape.join(', ')}]; only 4-D NCHW inputs are supported`);
    const ref = ctx.emit(node, { op: 'GlobalAvgPool', inputs: [x.ref], attrs: {} });
    ctx.define(node.outputs[0], { kind: 'tensor', ref, shape: [x.shape[0], 1, 1] });
  },
};
