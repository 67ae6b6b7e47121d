import type { OpHandler } from '../registry.js';
import { dataAndConstant, graphConstant } from './constant-operand.js';

/**
 * ONNX `PRelu` → `PReLU`: y = x for x ≥ 0, slope·x below, with a constant `slope` broadcast to x
 * (per channel `[C, 1, 1]`, a scalar, or per element). For ANN inference; `snn convert` refuses it.
 */
export const prelu: OpHandler = {
  opType: 'PRelu',
  note: '→ PReLU with a constant slope (ANN inference only; conversion refuses it)',
  convert(node, ctx) {
    const { x, c: slope } = dataAndConstant(node, ctx);
    if (!slope) throw ctx.fail(node, 'graph', 'its slope input is missing');
    const { tensor } = graphConstant(node, ctx, x, slope);
    const ref = ctx.emit(node, { op: 'PReLU', inputs: [x.ref], attrs: {}, params: { slope: tensor } });
    ctx.define(node.outputs[0], { ...x, ref });
  },
};
