import { relayout } from '../layout.js';
import type { OpHandler } from '../registry.js';
import { readAxes, sampleAxes } from './axes.js';

/**
 * ONNX `Squeeze` of a computed tensor: drops size-1 non-batch axes (`axes` an attribute before
 * opset 13, an input from then; absent: every size-1 axis but the batch). Relaid out in the graph.
 */
export const squeeze: OpHandler = {
  opType: 'Squeeze',
  note: '→ a relayout (Reshape/Transpose) dropping size-1 non-batch axes',
  convert(node, ctx) {
    const x = ctx.tensor(node, 0);
    const given = readAxes(node, ctx, 13);
    const axes = given ? sampleAxes(node, ctx, given, x.shape.length + 1) : x.shape.flatMap((d, i) => (d === 1 ? [i] : []));
    const bad = axes.find((a) => x.shape[a] !== 1);
    if (bad !== undefined) throw ctx.fail(node, 'graph', `axis ${bad + 1} has size ${x.shape[bad]}, not 1`);
    const shape = x.shape.filter((_, i) => !axes.includes(i));
    if (shape.length === 0) throw ctx.fail(node, 'unsupported-op', 'it leaves only the batch axis; keep a feature axis');
    ctx.define(node.outputs[0], relayout(ctx, node, x, { shape }));
  },
};
