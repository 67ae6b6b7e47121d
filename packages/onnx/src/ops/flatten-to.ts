import type { ImportContext, TensorValue } from '../context.js';
import type { OnnxNode } from '../proto/types.js';

/**
 * Flattens a computed tensor to `[N, features]` (shared by Flatten and Reshape). A vector passes
 * through; a `[C, H, W]` map becomes a graph `Flatten`, which reads NHWC memory in H·W·C order —
 * the value remembers `[C, H, W]` so the Gemm/MatMul/BatchNormalization after it can reorder
 * their per-feature weights to match ONNX's C·H·W order. When C = 1 or H·W = 1 the orders agree.
 */
export function flattenTo(node: OnnxNode, ctx: ImportContext, x: TensorValue): void {
  if (x.shape.length === 1) {
    ctx.define(node.outputs[0], x);
    return;
  }
  if (x.shape.length !== 2 && x.shape.length !== 3)
    throw ctx.fail(node, 'unsupported-op', `its input has shape [N, ${x.shape.join(', ')}]; only [N, C, L] and [N, C, H, W] maps can be flattened`);
  // A sequence [C, L] is held as [1, L, C]: the same reordering with H = 1.
  const [c, h, w] = x.shape.length === 2 ? [x.shape[0], 1, x.shape[1]] : x.shape;
  const ref = ctx.emit(node, { op: 'Flatten', inputs: [x.ref], attrs: {} });
  const sameOrder = c === 1 || h * w === 1;
  ctx.define(node.outputs[0], { kind: 'tensor', ref, shape: [c * h * w], ...(sameOrder ? {} : { hwcOf: [c, h, w] as [number, number, number] }) });
}
