import type { OpHandler } from '../registry.js';
import { transposeHost } from '../tensor/host-tensor.js';
import type { HostTensor } from '../tensor/host-tensor.js';
import { absorbInputAffine } from './absorb-affine.js';
import { imageInput, resolveWindow, spatialShape } from './spatial.js';

/**
 * ONNX `Conv` (1-D or 2-D) → `Conv2d`. y = W ⋆ x + b with weights moved from OIHW to HWIO
 * (`[kh, kw, C/group, M]`); a 1-D conv (`[M, C/group, k]`) runs as the 2-D one with kh = 1 over
 * the `[1, L]` view of its input. A zero-constant `Pad` in front is folded into `pads`; a per-channel
 * `Affine` in front (input normalisation) into the weights when the conv has no padding.
 * Attributes (spec defaults): auto_pad='NOTSET', dilations=1, group=1, kernel_shape from W, pads=0, strides=1.
 */
export const conv: OpHandler = {
  opType: 'Conv',
  note: '→ Conv2d, 1-D or 2-D; group, dilations, pads/auto_pad; a zero Pad before it folded in',
  convert(node, ctx) {
    const a = ctx.attrs(node);
    const { x, pad, rank, hw } = imageInput(node, ctx);
    if (pad && pad.constant !== 0)
      throw ctx.fail(node, 'unsupported-op', `the Pad node ${pad.padNode} before it pads with ${pad.constant}; only zero padding folds into a Conv`);
    const w0 = ctx.constant(node, 1);
    if (!w0 || w0.kind !== 'float' || w0.dims.length !== rank + 2)
      throw ctx.fail(node, 'unsupported-op', `its weight must be a constant float tensor of rank ${rank + 2}, got ${w0 ? `[${w0.dims.join(', ')}]` : 'none'}`, {
        tensor: node.inputs[1],
      });
    const w = rank === 1 ? { ...w0, dims: [w0.dims[0], w0.dims[1], 1, w0.dims[2]] } : w0;
    const [m, cPerGroup] = w.dims;
    const group = a.int('group', 1);
    const c = x.shape[0];
    if (group < 1 || cPerGroup * group !== c || m % group !== 0)
      throw ctx.fail(node, 'graph', `weight [${w.dims.join(', ')}] with group=${group} does not fit an input of ${c} channels`, { tensor: w.name });
    const kernel = a.ints('kernel_shape', w0.dims.slice(2));
    if (kernel.join() !== w0.dims.slice(2).join())
      throw ctx.fail(node, 'graph', `kernel_shape [${kernel.join(', ')}] disagrees with weight [${w0.dims.join(', ')}]`);
    const win = resolveWindow(node, ctx, a, hw, kernel, pad?.pads, rank);
    const params: { weight: HostTensor; bias?: HostTensor } = { weight: transposeHost(w, [2, 3, 1, 0]) };
    const b = ctx.constant(node, 2);
    if (b) {
      if (b.dims.length !== 1 || b.dims[0] !== m) throw ctx.fail(node, 'graph', `bias has dims [${b.dims.join(', ')}], expected [${m}]`, { tensor: b.name });
      params.bias = b;
    }
    const input = absorbInputAffine(node, ctx, x, params, { groups: group, padded: win.pads.some((p) => p > 0) });
    const out = spatialShape(m, win.out, rank);
    ctx.checkSize(node, out);
    const ref = ctx.emit(node, {
      op: 'Conv2d',
      inputs: [input],
      attrs: { strides: win.strides, pads: win.pads, dilations: win.dilations, groups: group },
      params,
    });
    ctx.define(node.outputs[0], { kind: 'tensor', ref, shape: out });
  },
};
