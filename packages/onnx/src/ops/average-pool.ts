import type { OpHandler } from '../registry.js';
import { imageInput, resolveWindow } from './spatial.js';

/**
 * ONNX `AveragePool` (2-D) → `AvgPool2d` {kernel, strides, pads, countIncludePad}.
 * Defaults: auto_pad='NOTSET', ceil_mode=0, count_include_pad=0, dilations=1, pads=0, strides=1.
 * A zero `Pad` in front (PyTorch's AvgPool2d export) is folded in: its zeros are real elements of
 * the pool's input, so they count in the average (countIncludePad=true) — exact when the pool has
 * no padding of its own or counts its own padding too.
 */
export const averagePool: OpHandler = {
  opType: 'AveragePool',
  convert(node, ctx) {
    const a = ctx.attrs(node);
    const { x, pad } = imageInput(node, ctx);
    const kernel = a.ints('kernel_shape');
    const own = resolveWindow(node, ctx, a, [x.shape[1], x.shape[2]], kernel);
    if (own.dilations.some((d) => d !== 1)) throw ctx.fail(node, 'unsupported-attr', `dilations [${own.dilations.join(', ')}] are not supported for pooling`);
    let countIncludePad = a.int('count_include_pad', 0) === 1;
    if (pad) {
      const ownPads = own.pads.some((p) => p > 0);
      if (pad.constant !== 0 || (ownPads && !countIncludePad))
        throw ctx.fail(
          node,
          'unsupported-op',
          `the Pad node ${pad.padNode} (value ${pad.constant}) cannot be folded into it${ownPads ? ' together with its own count_include_pad=0 padding' : ''}`,
        );
      countIncludePad = true;
    }
    const final = pad ? resolveWindow(node, ctx, a, [x.shape[1], x.shape[2]], kernel, pad.pads) : own;
    const out = [x.shape[0], final.out[0], final.out[1]];
    ctx.checkSize(node, out);
    const ref = ctx.emit(node, {
      op: 'AvgPool2d',
      inputs: [x.ref],
      attrs: { kernel: final.kernel, strides: final.strides, pads: final.pads, countIncludePad },
    });
    ctx.define(node.outputs[0], { kind: 'tensor', ref, shape: out });
  },
};
