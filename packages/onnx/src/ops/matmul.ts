import { dataAndConstant } from './constant-operand.js';
import type { OpHandler } from '../registry.js';
import type { HostTensor } from '../tensor/host-tensor.js';
import { absorbInputAffine } from './absorb-affine.js';
import { linearWeight } from './linear-weights.js';

/**
 * ONNX `MatMul` with a constant right operand → `Linear` without bias: Y = A·B, B `[in, out]`
 * (already the graph's layout). A following `Add` of a constant `[out]` becomes the bias.
 */
export const matmul: OpHandler = {
  opType: 'MatMul',
  note: '→ Linear with a constant [in, out] right operand',
  convert(node, ctx) {
    const { x, c: b } = dataAndConstant(node, ctx);
    if (!b || b.kind !== 'float' || b.dims.length !== 2)
      throw ctx.fail(node, 'unsupported-op', `input B must be a constant 2-D float tensor [in, out], got ${b ? `[${b.dims.join(', ')}]` : 'none'}`, {
        tensor: node.inputs[1],
      });
    const w = linearWeight(node, ctx, x, b);
    const params: { weight: HostTensor; bias?: HostTensor } = { weight: w };
    const input = absorbInputAffine(node, ctx, x, params, { groups: 1, padded: false });
    const ref = ctx.emit(node, { op: 'Linear', inputs: [input], attrs: {}, params });
    ctx.define(node.outputs[0], { kind: 'tensor', ref, shape: [w.dims[1]] });
  },
};
