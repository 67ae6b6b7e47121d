import type { OpHandler } from '../registry.js';
import type { HostTensor } from '../tensor/host-tensor.js';
import { transposeHost } from '../tensor/host-tensor.js';
import { absorbInputAffine } from './absorb-affine.js';
import { linearWeight } from './linear-weights.js';

/**
 * ONNX `Gemm` → `Linear`: Y = alpha·A·B' + beta·C with A the runtime input, B and C constants.
 * PyTorch's Linear exports B as `[out, in]` with transB=1; the graph wants W = alpha·B' as
 * `[in, out]` and bias = beta·C as `[out]`. After a Flatten of a `[C, H, W]` map, W's rows are
 * reordered to H·W·C. Defaults: alpha=1, beta=1, transA=0, transB=0.
 */
export const gemm: OpHandler = {
  opType: 'Gemm',
  note: '→ Linear: alpha, beta, transB folded into the weights, C as bias',
  convert(node, ctx) {
    const a = ctx.attrs(node);
    if (a.int('transA', 0) !== 0) throw ctx.fail(node, 'unsupported-attr', 'transA=1 is not supported (the runtime input must be [N, in])');
    const alpha = a.float('alpha', 1);
    const beta = a.float('beta', 1);
    const x = ctx.tensor(node, 0, { allowHwc: true });
    const b = ctx.constant(node, 1);
    if (!b || b.kind !== 'float' || b.dims.length !== 2)
      throw ctx.fail(node, 'unsupported-op', `input B must be a constant 2-D float tensor, got ${b ? `[${b.dims.join(', ')}]` : 'none'}`, {
        tensor: node.inputs[1],
      });
    let w: HostTensor = a.int('transB', 0) ? transposeHost(b, [1, 0]) : b;
    if (alpha !== 1) w = { ...w, data: w.data.map((v) => v * alpha) };
    w = linearWeight(node, ctx, x, w);
    const n = w.dims[1];
    const params: { weight: HostTensor; bias?: HostTensor } = { weight: w };
    const c = ctx.constant(node, 2);
    if (c) {
      const size = c.data.length;
      if (c.kind !== 'float' || (size !== n && size !== 1) || c.dims.length > 2 || (c.dims.length === 2 && c.dims[0] !== 1))
        throw ctx.fail(node, 'unsupported-op', `C has dims [${c.dims.join(', ')}]; only a bias of [${n}], [1, ${n}] or a scalar is supported`, {
          tensor: c.name,
        });
      const bias = new Float32Array(n);
      for (let j = 0; j < n; j++) bias[j] = beta * c.data[size === 1 ? 0 : j];
      params.bias = { name: c.name, dims: [n], kind: 'float', data: bias };
    }
    const input = absorbInputAffine(node, ctx, x, params, { groups: 1, padded: false });
    const ref = ctx.emit(node, { op: 'Linear', inputs: [input], attrs: {}, params });
    ctx.define(node.outputs[0], { kind: 'tensor', ref, shape: [n] });
  },
};
