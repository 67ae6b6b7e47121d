import { QCFS_OP } from '../patterns/qcfs.js';
import type { OpHandler } from '../registry.js';
import { hostFloat } from '../tensor/host-tensor.js';

/**
 * The `QCFS(x, λ)` node that the pattern pass `patterns/qcfs.ts` makes from a proven
 * Mul/Div/Add/Floor/Clip chain → graph `QCFS` {levels}, λ as `[1]` or one per channel: for an image
 * `[C, H, W]`, λ of dims `[C, 1, 1]`; for a vector `[F]`, dims `[F]`. A model that writes a `QCFS`
 * node itself (not an ONNX op) is refused.
 */
export const qcfs: OpHandler = {
  opType: QCFS_OP,
  note: '→ QCFS; only as made by the pattern pass from a proven Floor chain (not an ONNX op)',
  convert(node, ctx) {
    if (!node.attributes.has('snn_fused'))
      throw ctx.fail(node, 'unsupported-op', 'QCFS is not an ONNX op; write the activation with Floor, Mul/Div, Add and Clip');
    const x = ctx.tensor(node, 0, { allowHwc: true });
    const lam = ctx.constant(node, 1);
    if (!lam) throw ctx.fail(node, 'graph', 'its λ input is missing');
    const levels = ctx.attrs(node).int('levels');
    const c = x.shape[0];
    const perChannel = lam.data.length > 1;
    const want = x.shape.length === 3 ? [c, 1, 1] : [c];
    if (perChannel && (lam.dims.join() !== want.join() || x.hwcOf))
      throw ctx.fail(
        node,
        'unsupported-op',
        `its λ broadcasts as [${lam.dims.join(', ')}] over an input [${x.shape.join(', ')}]; one λ or one per channel ([${want.join(', ')}]) is supported`,
      );
    const lambda = hostFloat(`${node.name}/lambda`, [lam.data.length], lam.data);
    const ref = ctx.emit(node, { op: 'QCFS', inputs: [x.ref], attrs: { levels }, params: { lambda } });
    ctx.define(node.outputs[0], { ...x, ref });
  },
};
