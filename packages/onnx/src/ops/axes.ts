import type { ImportContext } from '../context.js';
import type { OnnxNode } from '../proto/types.js';

/**
 * ONNX axes (of the full tensor, batch = 0, negative from the end) of a rank-`rank` tensor as
 * sample axes (batch excluded, 0-based), sorted and distinct. Axis 0 is refused: the graph never
 * mixes the samples of a batch.
 */
export function sampleAxes(node: OnnxNode, ctx: ImportContext, axes: readonly number[], rank: number): number[] {
  const norm = axes.map((a) => (a < 0 ? a + rank : a));
  if (norm.some((a) => !Number.isInteger(a) || a < 0 || a >= rank) || new Set(norm).size !== norm.length)
    throw ctx.fail(node, 'graph', `axes [${axes.join(', ')}] are invalid for a rank-${rank} input`);
  if (norm.includes(0)) throw ctx.fail(node, 'unsupported-attr', `axes [${axes.join(', ')}] include the batch axis 0; only the other axes are supported`);
  return norm.map((a) => a - 1).sort((a, b) => a - b);
}

/** An op's axes: the `axes` attribute before `inputSince`, the optional constant input 1 from then. */
export function readAxes(node: OnnxNode, ctx: ImportContext, inputSince: number): number[] | undefined {
  if (ctx.opset < inputSince) return ctx.attrs(node).has('axes') ? ctx.attrs(node).ints('axes') : undefined;
  const t = ctx.constant(node, 1);
  return t ? Array.from(t.data) : undefined;
}
