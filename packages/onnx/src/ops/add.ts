import type { ImportContext, TensorValue } from '../context.js';
import type { OnnxNode } from '../proto/types.js';
import type { OpHandler } from '../registry.js';
import type { HostTensor } from '../tensor/host-tensor.js';

/**
 * ONNX `Add`. Two computed inputs of the same shape → `Add` (a residual connection). One constant
 * operand is folded as the bias of the `Linear` or `Conv2d` that produces the other one
 * (MatMul + Add is how some exporters write a Linear layer); anything else is refused.
 */
export const add: OpHandler = {
  opType: 'Add',
  note: '→ Add of equal shapes (residuals); a constant operand as the bias of the MatMul/Gemm/Conv before it',
  convert(node, ctx) {
    const [va, vb] = [ctx.value(node, 0), ctx.value(node, 1)];
    if (va.kind === 'constant' && vb.kind === 'constant') throw ctx.fail(node, 'unsupported-op', 'both operands are constants (fold them before export)');
    if (va.kind === 'constant' || vb.kind === 'constant') return foldBias(node, ctx, va.kind === 'constant' ? 1 : 0);
    addTensors(node, ctx, [ctx.tensor(node, 0, { allowHwc: true }), ctx.tensor(node, 1, { allowHwc: true })]);
  },
};

/** Emits an `Add` of computed tensors, which must have equal shapes (and equal feature order). */
export function addTensors(node: OnnxNode, ctx: ImportContext, xs: TensorValue[]): void {
  const shape = xs[0].shape;
  for (const x of xs) {
    if (x.shape.join() !== shape.join())
      throw ctx.fail(
        node,
        'unsupported-op',
        `its operands have shapes ${xs.map((v) => `[N, ${v.shape.join(', ')}]`).join(' and ')}; broadcasting is not supported`,
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

function foldBias(node: OnnxNode, ctx: ImportContext, tensorSide: number): void {
  const x = ctx.tensor(node, tensorSide, { allowHwc: true });
  const c = ctx.constant(node, 1 - tensorSide) as HostTensor;
  const producerOut = node.inputs[tensorSide];
  const producer = ctx.producer(producerOut);
  const spec = ctx.specOf(x.ref);
  const channels = x.shape[0];
  const refuse = (why: string) =>
    ctx.fail(node, 'unsupported-op', `adding the constant '${c.name}' is supported only as the bias of a MatMul/Gemm/Conv: ${why}`, { tensor: c.name });
  if (!producer || !['MatMul', 'Gemm', 'Conv'].includes(producer.opType) || !spec || (spec.op !== 'Linear' && spec.op !== 'Conv2d'))
    throw refuse('its other operand is not produced by one');
  if (spec.params?.bias) throw refuse(`${spec.name} already has a bias`);
  if (ctx.consumers(producerOut).length !== 1 || ctx.isGraphOutput(producerOut)) throw refuse(`${spec.name}'s output is also read elsewhere`);
  // The constant must be one value per output channel, broadcast over the rest: [C], [1,C], [C,1,1], [1,C,1,1].
  const dims = c.dims.filter((d, i) => !(d === 1 && i < c.dims.length - (spec.op === 'Conv2d' ? 3 : 1)));
  const fits = spec.op === 'Linear' ? dims.join() === `${channels}` : dims.join() === `${channels},1,1` || (c.dims.length === 1 && channels === 1);
  if (c.kind !== 'float' || c.data.length !== channels || !fits) throw refuse(`dims [${c.dims.join(', ')}] are not one value per output channel (${channels})`);
  spec.params = { ...spec.params, bias: { name: c.name, dims: [channels], kind: 'float', data: Float32Array.from(c.data) } };
  ctx.define(node.outputs[0], x);
}
