import type { OpHandler } from '../registry.js';
import { BATCH } from '../values.js';

/**
 * ONNX `Shape` of a computed tensor, folded at import time to a constant int64 vector
 * `[batch, ...dims]` with the batch as {@link BATCH} (PyTorch's `x.view(x.size(0), -1)` exports
 * Shape → Gather → Unsqueeze → Concat → Reshape). Opset 15's start/end slice it.
 */
export const shape: OpHandler = {
  opType: 'Shape',
  note: "import-time only: the input's shape with a symbolic batch",
  convert(node, ctx) {
    const x = ctx.tensor(node, 0, { allowHwc: true });
    const full = [BATCH, ...x.shape];
    const a = ctx.attrs(node);
    const clamp = (i: number) => Math.min(Math.max(i < 0 ? i + full.length : i, 0), full.length);
    const dims = ctx.opset >= 15 ? full.slice(clamp(a.int('start', 0)), clamp(a.int('end', full.length))) : full;
    ctx.define(node.outputs[0], { kind: 'constant', tensor: { name: node.outputs[0], dims: [dims.length], kind: 'int', data: Float64Array.from(dims) } });
  },
};
