import type { OpHandler } from '../registry.js';
import { flattenTo } from './flatten-to.js';

/** ONNX `Flatten` with axis=1 (the default; PyTorch's nn.Flatten / torch.flatten(x, 1)) → `Flatten`. */
export const flatten: OpHandler = {
  opType: 'Flatten',
  note: "→ Flatten with axis=1; weights after it permuted to the graph's feature order",
  sinceOpset: 1,
  convert(node, ctx) {
    const x = ctx.tensor(node, 0, { allowHwc: true });
    const rank = x.shape.length + 1;
    let axis = ctx.attrs(node).int('axis', 1);
    if (axis < 0) axis += rank;
    if (axis !== 1 && !(axis === rank && rank === 2))
      throw ctx.fail(node, 'unsupported-attr', `axis=${axis} on a rank-${rank} input is not supported; only axis=1 (keep the batch axis) is`);
    flattenTo(node, ctx, x);
  },
};
