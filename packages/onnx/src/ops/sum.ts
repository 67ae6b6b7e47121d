import type { OpHandler } from '../registry.js';
import { addTensors } from './add-tensors.js';

/** ONNX `Sum` of computed tensors of equal shape → one `Add` node with all of them. */
export const sum: OpHandler = {
  opType: 'Sum',
  note: '→ Add of equal shapes',
  convert(node, ctx) {
    if (node.inputs.length === 0) throw ctx.fail(node, 'graph', 'it has no inputs');
    addTensors(
      node,
      ctx,
      node.inputs.map((_, i) => ctx.tensor(node, i, { allowHwc: true })),
    );
  },
};
