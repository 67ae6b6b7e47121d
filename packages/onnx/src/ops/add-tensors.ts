import type { ImportContext, TensorValue } from '../context.js';
import type { OnnxNode } from '../proto/types.js';

/** Emits an `Add` of computed tensors (Add, Sum), which must have equal shapes (and equal feature order). */
export function addTensors(node: OnnxNode, ctx: ImportContext, xs: TensorValue[]): void {
  const shape = xs[0].shape;
  for (const x of xs) {
    if (x.shape.join() !== shape.join())
      throw ctx.fail(
        node,
        'unsupported-op',
        `its operands have shapes ${xs.map((v) => `[N, ${v.shape.join(', ')}]`).join(' and ')}; broadcasting two computed tensors is not supported`,
      );
    if (x.hwcOf?.join() !== xs[0].hwcOf?.join()) throw ctx.fail(node, 'unsupported-op', 'it adds a flattened map to a vector of a different feature order');
  }
  if (xs.length === 1) {
    ctx.define(node.outputs[0], xs[0]);
    return;
  }
  const ref = ctx.emit(node, { op: 'Add', inputs: xs.map((x) => x.ref), attrs: {} });
  ctx.define(node.outputs[0], { kind: 'tensor', ref, shape, ...(xs[0].hwcOf ? { hwcOf: xs[0].hwcOf } : {}) });
}
