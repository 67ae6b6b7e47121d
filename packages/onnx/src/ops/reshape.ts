import type { OpHandler } from '../registry.js';
import { flattenTo } from './flatten-to.js';

/**
 * ONNX `Reshape` when it flattens (PyTorch's `x.view(x.size(0), -1)`, its shape folded at import
 * time): the target must be `[n, k]` with n the batch (the batch from `Shape`, 0 copies it, −1
 * infers it, or a fixed export batch size) and
 * k = C·H·W or −1. A target equal to the input's shape is a no-op. Other reshapes are refused.
 */
export const reshape: OpHandler = {
  opType: 'Reshape',
  note: '→ Flatten when it flattens to [N, features] (or a no-op)',
  convert(node, ctx) {
    const x = ctx.tensor(node, 0, { allowHwc: true });
    const target = ctx.constant(node, 1);
    if (!target || target.kind !== 'int' || target.dims.length !== 1)
      throw ctx.fail(node, 'unsupported-op', 'its shape input must be a constant 1-D int64 tensor', { tensor: node.inputs[1] });
    const allowZero = ctx.opset >= 14 && ctx.attrs(node).int('allowzero', 0) === 1;
    const t = Array.from(target.data);
    const features = x.shape.reduce((p, d) => p * d, 1);
    // The batch entry: Shape's BATCH (NaN), 0 (copy it), −1 (infer it) or a fixed export batch size.
    const batchOk = Number.isNaN(t[0]) || t[0] === -1 || t[0] > 0 || (t[0] === 0 && !allowZero);
    // The rest of the target, with 0 meaning "copy that input dim" (unless allowzero).
    const rest = t.slice(1).map((d, i) => (d === 0 && !allowZero ? x.shape[i] : d));
    if (batchOk && rest.join() === x.shape.join()) {
      ctx.define(node.outputs[0], x);
      return;
    }
    const flat = rest.length === 1 && (rest[0] === features || (rest[0] === -1 && t[0] !== -1));
    if (!batchOk || !flat)
      throw ctx.fail(
        node,
        'unsupported-op',
        `reshaping [N, ${x.shape.join(', ')}] to [${t.join(', ')}] is not supported; only flattening to [N, ${features}] is`,
      );
    flattenTo(node, ctx, x);
  },
};
