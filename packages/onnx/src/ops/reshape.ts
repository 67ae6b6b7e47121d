import { dataAndConstant } from './constant-operand.js';
import { relayout } from '../layout.js';
import type { OpHandler } from '../registry.js';
import { flattenTo } from './flatten-to.js';

/**
 * ONNX `Reshape` that keeps the batch: the target's first entry is the batch (Shape's symbolic
 * batch, 0 copying it, −1 with every other entry fixed, or a fixed export batch size); the rest,
 * with 0 copying an input dim (unless allowzero) and one −1 inferred, must hold the input's values.
 * A target equal to the input's shape is a no-op, a flattening one (`x.view(x.size(0), -1)`) a
 * `Flatten`, anything else a relayout (graph Reshape/Transpose in ONNX's row-major order).
 */
export const reshape: OpHandler = {
  opType: 'Reshape',
  note: '→ Flatten when it flattens, else a relayout; the batch entry must stay the batch',
  convert(node, ctx) {
    const { x, c: target } = dataAndConstant(node, ctx);
    if (!target || target.kind !== 'int' || target.dims.length !== 1)
      throw ctx.fail(node, 'unsupported-op', 'its shape input must be a constant 1-D int64 tensor', { tensor: node.inputs[1] });
    const allowZero = ctx.opset >= 14 && ctx.attrs(node).int('allowzero', 0) === 1;
    const t = Array.from(target.data);
    const features = x.shape.reduce((p, d) => p * d, 1);
    let rest = t.slice(1).map((d, i) => (d === 0 && !allowZero ? x.shape[i] : d));
    const known = rest.filter((d) => d !== -1).reduce((p, d) => p * d, 1);
    const inferred = rest.filter((d) => d === -1).length;
    // The batch entry: Shape's BATCH (NaN), 0 (copy it), −1 (infer it) or a fixed export batch size.
    const batchOk = Number.isNaN(t[0]) || (t[0] === -1 && inferred === 0) || t[0] > 0 || (t[0] === 0 && !allowZero);
    if (inferred === 1 && known > 0 && features % known === 0) rest = rest.map((d) => (d === -1 ? features / known : d));
    const fits = rest.length > 0 && rest.every((d) => Number.isInteger(d) && d > 0) && rest.reduce((p, d) => p * d, 1) === features;
    if (!batchOk || !fits)
      throw ctx.fail(
        node,
        'unsupported-op',
        `reshaping [N, ${x.shape.join(', ')}] to [${t.join(', ')}] is not supported; the first entry must stay the batch and the rest hold its ${features} values`,
      );
    if (rest.join() === x.shape.join()) return ctx.define(node.outputs[0], x);
    if (rest.length === 1) return flattenTo(node, ctx, x);
    ctx.define(node.outputs[0], relayout(ctx, node, ctx.tensor(node, 0), { shape: rest }));
  },
};
