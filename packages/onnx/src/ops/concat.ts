import type { ImportContext } from '../context.js';
import type { OnnxNode } from '../proto/types.js';
import type { OpHandler } from '../registry.js';

/** ONNX axis of an NCHW (or NCL, held as [N, 1, L, C]) tensor → the graph's NHWC axis (batch stays 0). */
const TO_GRAPH_AXIS: Record<number, number[]> = { 2: [0, 1], 3: [0, 3, 2], 4: [0, 3, 1, 2] };

/**
 * ONNX `Concat` of computed tensors → `Concat` {axis}, the axis moved to NHWC (channel 1 → 3,
 * H 2 → 1, W 3 → 2; on `[N, F]` it stays). Concatenating along the batch axis is refused.
 * Concatenating 1-D constants (a shape being assembled for a Reshape) is done at import time.
 */
export const concat: OpHandler = {
  opType: 'Concat',
  note: '→ Concat along a non-batch axis; 1-D constants concatenated at import time',
  convert(node, ctx) {
    if (node.inputs.length === 0) throw ctx.fail(node, 'graph', 'it has no inputs');
    if (node.inputs.every((_, i) => ctx.value(node, i).kind === 'constant')) return concatConstants(node, ctx);
    const xs = node.inputs.map((_, i) => ctx.tensor(node, i));
    const rank = xs[0].shape.length + 1;
    let axis = ctx.attrs(node).int('axis');
    if (axis < 0) axis += rank;
    if (axis < 1 || axis >= rank)
      throw ctx.fail(node, 'unsupported-attr', `axis=${axis} on rank-${rank} inputs is not supported (concatenating along the batch, or out of range)`);
    if (!TO_GRAPH_AXIS[rank]) throw ctx.fail(node, 'unsupported-op', `its inputs have rank ${rank}; only [N, F], [N, C, L] and [N, C, H, W] are supported`);
    const shape = [...xs[0].shape];
    for (const x of xs.slice(1)) {
      if (x.shape.length !== shape.length || x.shape.some((d, i) => i !== axis - 1 && d !== shape[i]))
        throw ctx.fail(node, 'graph', `its inputs' shapes ${xs.map((v) => `[N, ${v.shape.join(', ')}]`).join(', ')} differ outside axis ${axis}`);
      shape[axis - 1] += x.shape[axis - 1];
    }
    ctx.checkSize(node, shape);
    const ref = ctx.emit(node, { op: 'Concat', inputs: xs.map((x) => x.ref), attrs: { axis: TO_GRAPH_AXIS[rank][axis] } });
    ctx.define(node.outputs[0], { kind: 'tensor', ref, shape });
  },
};

function concatConstants(node: OnnxNode, ctx: ImportContext): void {
  const ts = node.inputs.map((_, i) => ctx.constant(node, i)).filter((t) => t !== undefined);
  if (ts.some((t) => t.dims.length !== 1 || t.kind !== ts[0].kind))
    throw ctx.fail(node, 'unsupported-op', 'only 1-D constants of one kind can be concatenated at import time');
  const data = ts.flatMap((t) => Array.from(t.data));
  const tensor = {
    name: node.outputs[0],
    dims: [data.length],
    kind: ts[0].kind,
    data: ts[0].kind === 'int' ? Float64Array.from(data) : Float32Array.from(data),
  };
  ctx.define(node.outputs[0], { kind: 'constant', tensor });
}
