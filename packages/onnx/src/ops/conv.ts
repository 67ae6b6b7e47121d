import type { OpHandler } from '../registry.js';
import { transposeHost } from '../tensor/host-tensor.js';
import { imageInput, resolveWindow } from './spatial.js';

/**
 * ONNX `Conv` (2-D) → `Conv2d`. y = W ⋆ x + b with weights moved from OIHW to HWIO
 * (`[kh, kw, C/group, M]`). A zero-constant `Pad` in front is folded into `pads`.
 * Attributes (spec defaults): auto_pad='NOTSET', dilations=1, group=1, kernel_shape from W, pads=0, strides=1.
 */
export const conv: OpHandler = {
  opType: 'Conv',
  convert(node, ctx) {
    const a = ctx.attrs(node);
    const { x, pad } = imageInput(node, ctx);
    if (pad && pad.constant !== 0)
      throw ctx.fail(node, 'unsupported-op', `the Pad node ${pad.padNode} before it pads with ${pad.constant}; only zero padding folds into a Conv`);
    const w = ctx.constant(node, 1);
    if (!w || w.kind !== 'float' || w.dims.length !== 4)
      throw ctx.fail(node, 'unsupported-op', `its weight must be a constant float tensor [M, C/group, kH, kW], got ${w ? `[${w.dims.join(', ')}]` : 'none'}`, {
        tensor: node.inputs[1],
      });
    const [m, cPerGroup, kh, kw] = w.dims;
    const group = a.int('group', 1);
    const c = x.shape[0];
    if (group < 1 || cPerGroup * group !== c || m % group !== 0)
      throw ctx.fail(node, 'graph', `weight [${w.dims.join(', ')}] with group=${group} does not fit an input of ${c} channels`, { tensor: w.name });
    const kernel = a.ints('kernel_shape', [kh, kw]);
    if (kernel[0] !== kh || kernel[1] !== kw) throw ctx.fail(node, 'graph', `kernel_shape [${kernel.join(', ')}] disagrees with weight [${w.dims.join(', ')}]`);
    const win = resolveWindow(node, ctx, a, [x.shape[1], x.shape[2]], kernel, pad?.pads);
    const params = { weight: transposeHost(w, [2, 3, 1, 0]) };
    const b = ctx.constant(node, 2);
    if (b) {
      if (b.dims.length !== 1 || b.dims[0] !== m) throw ctx.fail(node, 'graph', `bias has dims [${b.dims.join(', ')}], expected [${m}]`, { tensor: b.name });
      Object.assign(params, { bias: b });
    }
    const out = [m, win.out[0], win.out[1]];
    ctx.checkSize(node, out);
    const ref = ctx.emit(node, {
      op: 'Conv2d',
      inputs: [x.ref],
      attrs: { strides: win.strides, pads: win.pads, dilations: win.dilations, groups: group },
      params,
    });
    ctx.define(node.outputs[0], { kind: 'tensor', ref, shape: out });
  },
};
