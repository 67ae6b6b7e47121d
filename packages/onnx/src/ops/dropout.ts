import { shortestFloat32 } from '../float32.js';
import type { OpHandler } from '../registry.js';

/**
 * ONNX `Dropout` → `Dropout` {rate} (identity at inference). The ratio is the `ratio` attribute
 * before opset 12 and the optional constant input 1 after (default 0.5); training_mode must be
 * absent or false, and the mask output unused.
 */
export const dropout: OpHandler = {
  opType: 'Dropout',
  note: '→ Dropout (identity at inference); the mask output must be unused',
  convert(node, ctx) {
    if (node.outputs[1] && ctx.isUsed(node.outputs[1])) throw ctx.fail(node, 'unsupported-op', 'its mask output is used; only inference is supported');
    const x = ctx.tensor(node, 0, { allowHwc: true });
    let rate = 0.5;
    if (ctx.opset < 12) rate = ctx.attrs(node).float('ratio', 0.5);
    else {
      const r = ctx.constant(node, 1);
      if (r) rate = r.data[0];
      const training = ctx.constant(node, 2);
      if (training?.data[0]) throw ctx.fail(node, 'unsupported-attr', 'training_mode=true is not supported (export in eval mode)');
    }
    const ref = ctx.emit(node, { op: 'Dropout', inputs: [x.ref], attrs: { rate: shortestFloat32(rate) } });
    ctx.define(node.outputs[0], { ...x, ref });
  },
};
