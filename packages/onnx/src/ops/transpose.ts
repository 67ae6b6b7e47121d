import { relayout } from '../layout.js';
import type { OpHandler } from '../registry.js';

/**
 * ONNX `Transpose` that keeps the batch first (perm[0] = 0) → graph `Transpose`/`Reshape` nodes in
 * the graph's layout, none where the move keeps memory order. Default perm: reversed axes (which
 * moves the batch, so it is refused).
 */
export const transpose: OpHandler = {
  opType: 'Transpose',
  note: '→ Transpose (or nothing) when perm keeps the batch axis first',
  convert(node, ctx) {
    const x = ctx.tensor(node, 0);
    const rank = x.shape.length + 1;
    const perm = ctx.attrs(node).ints('perm', [...Array(rank).keys()].reverse());
    if (perm.length !== rank || [...perm].sort((a, b) => a - b).some((p, i) => p !== i))
      throw ctx.fail(node, 'graph', `perm [${perm.join(', ')}] is not a permutation of a rank-${rank} tensor's axes`);
    if (perm[0] !== 0)
      throw ctx.fail(node, 'unsupported-attr', `perm [${perm.join(', ')}] moves the batch axis; only perms that keep axis 0 first are supported`);
    ctx.define(node.outputs[0], relayout(ctx, node, x, { perm: perm.slice(1).map((p) => p - 1) }));
  },
};
