import type { ImportContext, TensorValue } from '../context.js';
import type { OnnxNode } from '../proto/types.js';
import { type HostTensor, numel, transposeHost } from '../tensor/host-tensor.js';
import { rowsToHwc } from './linear-weights.js';

/**
 * The two operands of an op whose second input must be a constant: the runtime tensor (input 0, a
 * feature map may stay in the graph's HWC layout) and the constant (input 1), if it is one.
 */
export function dataAndConstant(node: OnnxNode, ctx: ImportContext): { x: TensorValue; c: HostTensor | undefined } {
  return { x: ctx.tensor(node, 0, { allowHwc: true }), c: ctx.constant(node, 1) };
}

/** A constant operand of an elementwise op, in the graph's layout. */
export interface GraphConstant {
  /** Broadcastable to the graph tensor without batch: `[1]`, `[C]`, or the full graph shape. */
  tensor: HostTensor;
  /** One value per channel (ONNX axis 1; the feature of a vector), when the constant has no other variation. */
  perChannel?: Float32Array;
}

/**
 * Places a constant that ONNX broadcasts against the runtime tensor `x` (NumPy rules) in the graph's
 * layout. Refused: a constant that varies along the batch axis, or one that would broadcast `x` up
 * to a larger shape (the output must keep `x`'s shape).
 */
export function graphConstant(node: OnnxNode, ctx: ImportContext, x: TensorValue, c: HostTensor): GraphConstant {
  const s = x.shape;
  const r = s.length + 1;
  const refuse = (why: string) => ctx.fail(node, 'unsupported-op', `the constant '${c.name}' [${c.dims.join(', ')}] ${why}`, { tensor: c.name });
  if (c.kind !== 'float') throw refuse('is not a float tensor');
  if (c.dims.length > r) throw refuse(`has more axes than the input [N, ${s.join(', ')}]`);
  const dims = [...new Array(r - c.dims.length).fill(1), ...c.dims];
  if (dims[0] !== 1) throw refuse('varies along the batch axis');
  const cd = dims.slice(1);
  if (cd.some((d, i) => d !== 1 && d !== s[i])) throw refuse(`does not broadcast to the input [N, ${s.join(', ')}] without enlarging it`);
  const data = Float32Array.from(c.data);
  if (numel(cd) === 1) return { tensor: { ...c, dims: [1], data }, perChannel: new Float32Array(s[0]).fill(data[0]) };
  if (cd.every((d, i) => i === 0 || d === 1)) {
    const v: HostTensor = { ...c, dims: [s[0]], data };
    const t = x.hwcOf ? rowsToHwc(v, x.hwcOf, 1) : v;
    return { tensor: t, perChannel: t.data as Float32Array };
  }
  // Varies along a spatial axis: expand to the whole sample, then move to the graph's layout.
  const full = new Float32Array(numel(s));
  const strides = cd.map((_, i) => numel(cd.slice(i + 1)));
  for (let k = 0; k < full.length; k++) {
    let rest = k;
    let src = 0;
    for (let i = s.length - 1; i >= 0; i--) {
      const idx = rest % s[i];
      rest = Math.floor(rest / s[i]);
      if (cd[i] !== 1) src += idx * strides[i];
    }
    full[k] = data[src];
  }
  const onnx: HostTensor = { ...c, dims: s, data: full };
  if (s.length === 3) return { tensor: transposeHost(onnx, [1, 2, 0]) };
  const t = transposeHost(onnx, [1, 0]);
  return { tensor: { ...t, dims: [1, s[1], s[0]] } };
}
