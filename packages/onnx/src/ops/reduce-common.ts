import type { ImportContext } from '../context.js';
import { graphAxis, relayout } from '../layout.js';
import type { OnnxNode } from '../proto/types.js';
import { readAxes, sampleAxes } from './axes.js';

/**
 * Emits ONNX ReduceMean/ReduceSum over non-batch axes: the mean over H and W of a map with
 * keepdims is a `GlobalAvgPool` (what `x.mean([2, 3], keepdim=True)` exports), anything else a
 * `Reduce` {axes, kind}; keepdims=0 then drops the reduced axes (a relayout). Absent axes reduce
 * every axis, which includes the batch and is refused, unless noop_with_empty_axes=1.
 */
export function emitReduce(node: OnnxNode, ctx: ImportContext, kind: 'mean' | 'sum', axesInputSince: number) {
  const a = ctx.attrs(node);
  const given = readAxes(node, ctx, axesInputSince);
  const keep = a.int('keepdims', 1) === 1;
  if (given === undefined || given.length === 0) {
    if (ctx.opset >= axesInputSince && a.int('noop_with_empty_axes', 0) === 1) {
      ctx.define(node.outputs[0], ctx.tensor(node, 0, { allowHwc: true }));
      return;
    }
    throw ctx.fail(node, 'unsupported-attr', 'it reduces every axis, the batch included; give the non-batch axes');
  }
  const x = ctx.tensor(node, 0);
  const rank = x.shape.length + 1;
  const axes = sampleAxes(node, ctx, given, rank);
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const spatial = rank === 4 && axes.join() === '1,2';
  const ref =
    spatial && kind === 'mean'
      ? ctx.emit(node, { op: 'GlobalAvgPool', inputs: [x.ref], attrs: {} })
      : ctx.emit(node, { op: 'Reduce', inputs: [x.ref], attrs: { axes: axes.map((k) => graphAxis(x.shape.length, k)).sort(), kind } });
  const out = { kind: 'tensor' as const, ref, shape: kept };
  if (keep) return ctx.define(node.outputs[0], out);
  const dropped = x.shape.filter((_, i) => !axes.includes(i));
  if (dropped.length === 0) throw ctx.fail(node, 'unsupported-op', 'with keepdims=0 it leaves only the batch axis; keep a feature axis');
  ctx.define(node.outputs[0], relayout(ctx, node, out, { shape: dropped }));
}
