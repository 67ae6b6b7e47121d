import type { OpHandler } from '../registry.js';
import { imageInput, resolveWindow, spatialShape } from './spatial.js';

/**
 * ONNX `AveragePool` (1-D or 2-D) → `AvgPool2d` {kernel, strides, pads, countIncludePad}.
 * Defaults: auto_pad='NOTSET', ceil_mode=0, count_include_pad=0, dilations=1, pads=0, strides=1.
 * A zero `Pad` in front (PyTorch's AvgPool2d export) is folded in: its zeros are real elements of
 * the pool's input, so they count in the average (countIncludePad=true) — exact when the pool has
 * no padding of its own or counts its own padding too. `ceil_mode=1`'s extra window divides by the
 * cells it covers inside the input (PyTorch's rule), i.e. countIncludePad=false over the ceil padding.
 */
export const averagePool: OpHandler = {
  opType: 'AveragePool',
  note: '→ AvgPool2d, 1-D or 2-D; count_include_pad, ceil_mode, a zero Pad before it folded in',
  convert(node, ctx) {
    const a = ctx.attrs(node);
    const { x, pad, rank, hw } = imageInput(node, ctx);
    const kernel = a.ints('kernel_shape');
    const own = resolveWindow(node, ctx, a, hw, kernel, undefined, rank);
    if (own.dilations.some((d) => d !== 1))
      throw ctx.fail(node, 'unsupported-attr', `dilations [${own.dilations.join(', ')}] are not supported for AveragePool`);
    let countIncludePad = a.int('count_include_pad', 0) === 1;
    const ownPads = own.pads.some((p, i) => p - own.ceilPads[i] > 0);
    if (pad) {
      if (pad.constant !== 0 || (ownPads && !countIncludePad))
        throw ctx.fail(
          node,
          'unsupported-op',
          `the Pad node ${pad.padNode} (value ${pad.constant}) cannot be folded into it${ownPads ? ' together with its own count_include_pad=0 padding' : ''}`,
        );
      countIncludePad = true;
    }
    const final = pad ? resolveWindow(node, ctx, a, hw, kernel, pad.pads, rank) : own;
    if (final.ceilPads.some((p) => p > 0) && countIncludePad) {
      // The ceil padding must not count, while the explicit one would: expressible only without explicit padding.
      if (ownPads || pad)
        throw ctx.fail(
          node,
          'unsupported-attr',
          'ceil_mode=1 with counted padding (count_include_pad=1 or a folded Pad) adds a window the graph cannot average the same way',
        );
      countIncludePad = false;
    }
    const out = spatialShape(x.shape[0], final.out, rank);
    ctx.checkSize(node, out);
    const ref = ctx.emit(node, {
      op: 'AvgPool2d',
      inputs: [x.ref],
      attrs: { kernel: final.kernel, strides: final.strides, pads: final.pads, countIncludePad },
    });
    ctx.define(node.outputs[0], { kind: 'tensor', ref, shape: out });
  },
};
