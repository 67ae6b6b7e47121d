import type { ImportContext } from '../context.js';
import { graphAxis } from '../layout.js';
import type { OnnxNode } from '../proto/types.js';
import { sampleAxes } from './axes.js';

/**
 * Emits `Softmax` {axes, log} for ONNX Softmax/LogSoftmax. Before opset 13 the input is seen as 2-D
 * around `axis` (default 1): the softmax runs over all axes from `axis` on; from opset 13 over the
 * one axis `axis` (default −1). Over every sample axis the feature order does not matter.
 */
export function emitSoftmax(node: OnnxNode, ctx: ImportContext, log: boolean): void {
  const v = ctx.tensor(node, 0, { allowHwc: true });
  const rank = v.shape.length + 1;
  const axis = ctx.attrs(node).int('axis', ctx.opset < 13 ? 1 : -1);
  const first = axis < 0 ? axis + rank : axis;
  const onnxAxes = ctx.opset < 13 ? Array.from({ length: rank - first }, (_, k) => first + k) : [first];
  const axes = sampleAxes(node, ctx, onnxAxes, rank);
  const x = axes.length === v.shape.length ? v : ctx.tensor(node, 0);
  const graphAxes = axes.map((a) => graphAxis(x.shape.length, a)).sort((a, b) => a - b);
  const ref = ctx.emit(node, { op: 'Softmax', inputs: [x.ref], attrs: { axes: graphAxes, log } });
  ctx.define(node.outputs[0], { ...x, ref });
}
