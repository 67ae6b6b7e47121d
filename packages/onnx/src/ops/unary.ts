import type { ImportContext } from '../context.js';
import type { OnnxNode } from '../proto/types.js';
import type { OpHandler } from '../registry.js';

/** Emits an elementwise graph op on input 0; elementwise ops keep a flattened vector's feature order. */
export function emitUnary(node: OnnxNode, ctx: ImportContext, op: string, attrs: Record<string, unknown> = {}): void {
  const x = ctx.tensor(node, 0, { allowHwc: true });
  const ref = ctx.emit(node, { op, inputs: [x.ref], attrs });
  ctx.define(node.outputs[0], { ...x, ref });
}

/**
 * A handler for an ONNX activation that becomes the elementwise graph op `op`, its graph attributes
 * read from the ONNX ones by `attrs` (spec defaults there).
 */
export function unaryHandler(
  opType: string,
  op: string,
  note: string,
  sinceOpset: number,
  attrs: (a: ReturnType<ImportContext['attrs']>) => Record<string, unknown>,
): OpHandler {
  return { opType, note, sinceOpset, convert: (node, ctx) => emitUnary(node, ctx, op, attrs(ctx.attrs(node))) };
}
