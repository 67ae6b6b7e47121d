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
  /** All padding: the op's own, a folded Pad's, and `ceilPads`. */
  pads: Pads4;
  /** The bottom/right padding that `ceil_mode=1` adds for its extra window (0 without it). */
  ceilPads: Pads4;
  out: [number, number];
}

/** A 1-D window attribute (`[k]`, pads `[b, e]`) lifted to the 2-D one of an `[N, C, 1, L]` view. */
function lift(v: number[], rank: number, one: number): number[] {
  if (rank !== 1) return v;
  return v.length === 2 ? [0, v[0], 0, v[1]] : [one, ...v];
}

/**
 * Resolves kernel/strides/dilations/pads/auto_pad/ceil_mode of a window over an `[H, W]` input
 * (`spatialRank` 1: a 1-D op over `[1, L]`, its attributes lifted), and the output size:
 *
 *   out = ⌊(in + pad_begin + pad_end − ((k − 1)·d + 1)) / s⌋ + 1
 *
 * With `ceil_mode=1` ⌈·⌉ instead, except that a window must start inside the input or the begin
 * padding (PyTorch's and ONNX's rule); the bottom/right padding then grows to hold that window.
 */
export function resolveWindow(
  node: OnnxNode,
  ctx: ImportContext,
  a: Attrs,
  inHW: [number, number],
  kernelIn: number[],
  extraPads: Pads4 = [0, 0, 0, 0],
  spatialRank = 2,
): Window2d {
  const r = spatialRank;
  const kernel = lift(kernelIn, r, 1);
  if (kernelIn.length !== r || !kernel.every((k) => Number.isInteger(k) && k > 0))
    throw ctx.fail(node, 'unsupported-attr', `kernel_shape [${kernelIn.join(', ')}] is not a ${r}-D kernel for its rank-${r + 2} input`);
  const read = (name: string, def: number[], what: string, ok: (x: number) => boolean) => {
    const v = a.ints(name, def);
    if (v.length !== def.length || !v.every((x) => Number.isInteger(x) && ok(x)))
      throw ctx.fail(node, 'unsupported-attr', `${name} [${v.join(', ')}] must be ${def.length} ${what} ints`);
    return lift(v, r, 1);
  };
  const strides = read('strides', new Array(r).fill(1), 'positive', (x) => x > 0);
  const dilations = read('dilations', new Array(r).fill(1), 'positive', (x) => x > 0);
  // A folded Pad makes the window see a larger input; its own padding and output follow from that.
  inHW = [inHW[0] + extraPads[0] + extraPads[2], inHW[1] + extraPads[1] + extraPads[3]];
  const autoPad = a.string('auto_pad', 'NOTSET');
  const eff = [0, 1].map((i) => (kernel[i] - 1) * dilations[i] + 1);
  let pads: Pads4;
  if (autoPad === 'NOTSET') pads = read('pads', new Array(2 * r).fill(0), 'non-negative', (x) => x >= 0) as Pads4;
  else if (autoPad === 'VALID') pads = [0, 0, 0, 0];
  else if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    const total = [0, 1].map((i) => Math.max(0, (Math.ceil(inHW[i] / strides[i]) - 1) * strides[i] + eff[i] - inHW[i]));
    const small = total.map((t) => Math.floor(t / 2));
    const [begin, end] = autoPad === 'SAME_UPPER' ? [small, total.map((t, i) => t - small[i])] : [total.map((t, i) => t - small[i]), small];
    pads = [begin[0], begin[1], end[0], end[1]];
  } else throw ctx.fail(node, 'unsupported-attr', `auto_pad '${autoPad}' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID`);
  const span = [0, 1].map((i) => inHW[i] + pads[i] + pads[i + 2] - eff[i]);
  if (span.some((s) => s < 0)) throw ctx.fail(node, 'graph', `its kernel [${kernelIn.join(', ')}] is larger than the padded input`);
  const out = [0, 1].map((i) => Math.floor(span[i] / strides[i]) + 1) as [number, number];
  const ceilPads: Pads4 = [0, 0, 0, 0];
  if (a.int('ceil_mode', 0) === 1)
    for (const i of [0, 1]) {
      let o = Math.ceil(span[i] / strides[i]) + 1;
      if ((o - 1) * strides[i] >= inHW[i] + pads[i]) o--;
      ceilPads[i + 2] = Math.max(0, (o - 1) * strides[i] + eff[i] - (inHW[i] + pads[i] + pads[i + 2]));
      out[i] = o;
    }
  pads = pads.map((p, i) => p + extraPads[i] + ceilPads[i]) as Pads4;
  return { kernel: [kernel[0], kernel[1]], strides: [strides[0], strides[1]], dilations: [dilations[0], dilations[1]], pads, ceilPads, out };
}

/** Input 0 of a windowed op: `[C, H, W]` (or `[C, L]`, seen as `[C, 1, L]`), with any pending constant Pad in front. */
export interface SpatialInput {
  x: TensorValue;
  pad?: PaddedValue;
  /** 2 for images, 1 for sequences. */
  rank: number;
  /** The spatial size as the graph holds it: `[H, W]`, or `[1, L]`. */
  hw: [number, number];
}

/** Reads input 0 of a Conv or pool as a map of rank 3 (`[N, C, L]`) or 4 (`[N, C, H, W]`). */
export function imageInput(node: OnnxNode, ctx: ImportContext): SpatialInput {
  const v = ctx.value(node, 0);
  const x = v.kind === 'padded' ? v.source : ctx.tensor(node, 0);
  if (x.shape.length !== 2 && x.shape.length !== 3)
    throw ctx.fail(node, 'unsupported-op', `its input has shape [N, ${x.shape.join(', ')}]; only [N, C, L] and [N, C, H, W] inputs are supported`);
  const rank = x.shape.length - 1;
  const hw: [number, number] = rank === 1 ? [1, x.shape[1]] : [x.shape[1], x.shape[2]];
  return v.kind === 'padded' && v.pads.some((p) => p > 0) ? { x, pad: v, rank, hw } : { x, rank, hw };
}

/** The ONNX shape (batch excluded) of a windowed op's output: `[C, L]` or `[C, H, W]`. */
export function spatialShape(c: number, out: [number, number], rank: number): number[] {
  return rank === 1 ? [c, out[1]] : [c, out[0], out[1]];
}
