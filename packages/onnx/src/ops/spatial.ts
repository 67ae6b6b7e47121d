import type { Attrs } from '../attributes.js';
import type { ImportContext, PaddedValue, TensorValue } from '../context.js';
import type { OnnxNode } from '../proto/types.js';

/** `[top, left, bottom, right]`, the order of both ONNX's 2-D `pads` and the graph's. */
export type Pads4 = [number, number, number, number];

/** Window attributes shared by Conv, AveragePool and MaxPool, resolved for a 2-D input. */
export interface Window2d {
  kernel: [number, number];
  strides: [number, number];
  dilations: [number, number];
  pads: Pads4;
  out: [number, number];
}

/**
 * Resolves kernel/strides/dilations/pads/auto_pad of a 2-D window over an `[H, W]` input, and the
 * output size: ⌊(in + pad_begin + pad_end − ((k − 1)·d + 1)) / s⌋ + 1. `ceil_mode` is accepted
 * only where it gives the same size as floor (the graph's pools floor).
 */
export function resolveWindow(
  node: OnnxNode,
  ctx: ImportContext,
  a: Attrs,
  inHW: [number, number],
  kernel: number[],
  extraPads: Pads4 = [0, 0, 0, 0],
): Window2d {
  if (kernel.length !== 2 || !kernel.every((k) => Number.isInteger(k) && k > 0))
    throw ctx.fail(node, 'unsupported-attr', `kernel_shape [${kernel.join(', ')}] is not a 2-D kernel; only 2-D convolution and pooling are supported`);
  const strides = a.ints('strides', [1, 1]);
  const dilations = a.ints('dilations', [1, 1]);
  if (strides.length !== 2 || !strides.every((s) => s > 0))
    throw ctx.fail(node, 'unsupported-attr', `strides [${strides.join(', ')}] must be two positive ints`);
  if (dilations.length !== 2 || !dilations.every((d) => d > 0))
    throw ctx.fail(node, 'unsupported-attr', `dilations [${dilations.join(', ')}] must be two positive ints`);
  // A folded Pad makes the window see a larger input; its own padding and output follow from that.
  inHW = [inHW[0] + extraPads[0] + extraPads[2], inHW[1] + extraPads[1] + extraPads[3]];
  const autoPad = a.string('auto_pad', 'NOTSET');
  const eff = [0, 1].map((i) => (kernel[i] - 1) * dilations[i] + 1);
  let pads: Pads4;
  if (autoPad === 'NOTSET') {
    const p = a.ints('pads', [0, 0, 0, 0]);
    if (p.length !== 4 || p.some((x) => !Number.isInteger(x) || x < 0))
      throw ctx.fail(node, 'unsupported-attr', `pads [${p.join(', ')}] must be four non-negative ints`);
    pads = [p[0], p[1], p[2], p[3]];
  } else if (autoPad === 'VALID') pads = [0, 0, 0, 0];
  else if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    const total = [0, 1].map((i) => Math.max(0, (Math.ceil(inHW[i] / strides[i]) - 1) * strides[i] + eff[i] - inHW[i]));
    const small = total.map((t) => Math.floor(t / 2));
    const [begin, end] = autoPad === 'SAME_UPPER' ? [small, total.map((t, i) => t - small[i])] : [total.map((t, i) => t - small[i]), small];
    pads = [begin[0], begin[1], end[0], end[1]];
  } else throw ctx.fail(node, 'unsupported-attr', `auto_pad '${autoPad}' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID`);
  const span = [0, 1].map((i) => inHW[i] + pads[i] + pads[i + 2] - eff[i]);
  if (span.some((s) => s < 0)) throw ctx.fail(node, 'graph', `its kernel [${kernel.join(', ')}] is larger than the padded input [${inHW.join(', ')}]`);
  const out = [0, 1].map((i) => Math.floor(span[i] / strides[i]) + 1) as [number, number];
  if (a.int('ceil_mode', 0) === 1) {
    // PyTorch/ONNX ceil: one more window only if it starts inside the input or the begin padding.
    const ceil = [0, 1].map((i) => {
      const o = Math.ceil(span[i] / strides[i]) + 1;
      return (o - 1) * strides[i] >= inHW[i] + pads[i] ? o - 1 : o;
    });
    if (ceil[0] !== out[0] || ceil[1] !== out[1])
      throw ctx.fail(node, 'unsupported-attr', `ceil_mode=1 gives [${ceil.join(', ')}] here, not floor's [${out.join(', ')}]; the graph's pools floor`);
  }
  pads = pads.map((p, i) => p + extraPads[i]) as Pads4;
  return { kernel: [kernel[0], kernel[1]], strides: [strides[0], strides[1]], dilations: [dilations[0], dilations[1]], pads, out };
}

/** Input 0 of a windowed op as an image tensor plus any pending constant Pad in front of it. */
export function imageInput(node: OnnxNode, ctx: ImportContext): { x: TensorValue; pad?: PaddedValue } {
  const v = ctx.value(node, 0);
  const x = v.kind === 'padded' ? v.source : ctx.tensor(node, 0);
  if (x.shape.length !== 3)
    throw ctx.fail(node, 'unsupported-op', `its input has shape [N, ${x.shape.join(', ')}]; only 4-D NCHW inputs (2-D images) are supported`);
  return v.kind === 'padded' && v.pads.some((p) => p > 0) ? { x, pad: v } : { x };
}
