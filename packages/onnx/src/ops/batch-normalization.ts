import { shortestFloat32 } from '../float32.js';
import type { OpHandler } from '../registry.js';
import type { HostTensor } from '../tensor/host-tensor.js';
import { rowsToHwc } from './linear-weights.js';

/**
 * ONNX `BatchNormalization` (inference) → `BatchNorm` over the channel axis, which is the last
 * axis in the graph's NHWC (and `[N, F]`) layout: y = scale·(x − mean)/√(var + epsilon) + B.
 * Defaults: epsilon=1e-5, momentum=0.9, training_mode=0. ONNX's momentum weighs the old
 * running statistic (running = running·momentum + batch·(1 − momentum)); the graph's, like
 * PyTorch's, weighs the new batch, so it gets 1 − momentum.
 */
export const batchNormalization: OpHandler = {
  opType: 'BatchNormalization',
  note: '→ BatchNorm (inference) over channels of [N, C], [N, C, L] or [N, C, H, W]',
  convert(node, ctx) {
    const a = ctx.attrs(node);
    if (a.int('training_mode', 0) !== 0) throw ctx.fail(node, 'unsupported-attr', 'training_mode=1 is not supported (export the model in eval mode)');
    if (ctx.opset < 9 && a.int('spatial', 1) !== 1) throw ctx.fail(node, 'unsupported-attr', 'spatial=0 (per-element statistics) is not supported');
    for (const o of node.outputs.slice(1))
      if (o && ctx.isUsed(o)) throw ctx.fail(node, 'unsupported-op', `its training output '${o}' is used; only inference is supported`);
    const x = ctx.tensor(node, 0, { allowHwc: true });
    if (x.shape.length < 1 || x.shape.length > 3)
      throw ctx.fail(node, 'unsupported-op', `its input has shape [N, ${x.shape.join(', ')}]; only [N, C], [N, C, L] and [N, C, H, W] are supported`);
    const c = x.shape[0];
    const names = ['gamma', 'beta', 'mean', 'var'] as const;
    const params: Record<string, HostTensor> = {};
    names.forEach((p, k) => {
      const t = ctx.constant(node, k + 1);
      if (!t || t.kind !== 'float' || t.data.length !== c)
        throw ctx.fail(node, 'unsupported-op', `its ${p} must be a constant float vector of ${c} values, got ${t ? `[${t.dims.join(', ')}]` : 'none'}`, {
          tensor: node.inputs[k + 1],
        });
      // After a Flatten of [C, H, W] each feature has its own statistics, stored in ONNX order.
      const v = { ...t, dims: [c] };
      params[p] = x.hwcOf ? rowsToHwc(v, x.hwcOf, 1) : v;
    });
    const ref = ctx.emit(node, {
      op: 'BatchNorm',
      inputs: [x.ref],
      attrs: { eps: shortestFloat32(a.float('epsilon', 1e-5)), momentum: shortestFloat32(1 - shortestFloat32(a.float('momentum', 0.9))) },
      params,
    });
    ctx.define(node.outputs[0], { ...x, ref });
  },
};
