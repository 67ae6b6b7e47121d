import type { ImportContext } from '../context.js';
import type { OnnxNode } from '../proto/types.js';

/** Emits an elementwise graph op on input 0; elementwise ops keep a flattened vector's feature order. */
export function emitUnary(node: OnnxNode, ctx: ImportContext, op: string, attrs: Record<string, unknown> = {}): void {
  const x = ctx.tensor(node, 0, { allowHwc: true });
  const ref = ctx.emit(node, { op, inputs: [x.ref], attrs });
  ctx.define(node.outputs[0], { ...x, ref });
}
