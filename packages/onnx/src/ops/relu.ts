import type { OpHandler } from '../registry.js';

/** ONNX `Relu` → `ReLU`: y = max(0, x). Elementwise, so a flattened vector keeps its feature order. */
export const relu: OpHandler = {
  opType: 'Relu',
  note: '→ ReLU',
  sinceOpset: 6,
  convert(node, ctx) {
    const x = ctx.tensor(node, 0, { allowHwc: true });
    const ref = ctx.emit(node, { op: 'ReLU', inputs: [x.ref], attrs: {} });
    ctx.define(node.outputs[0], { ...x, ref });
  },
};
