import type { ImportContext } from './context.js';
import type { OnnxNode } from './proto/types.js';
import { type HostTensor, transposeHost } from './tensor/host-tensor.js';
import type { TensorValue } from './values.js';

/**
 * How the graph holds an ONNX sample shape (batch excluded): `[C, H, W]` → `[H, W, C]`,
 * `[C, L]` → `[1, L, C]` (a sequence is an image of height 1), `[F]` → `[F]`.
 */
export function graphShape(onnx: readonly number[]): number[] {
  if (onnx.length === 3) return [onnx[1], onnx[2], onnx[0]];
  if (onnx.length === 2) return [1, onnx[1], onnx[0]];
  return [...onnx];
}

/** The graph axis (batch excluded) that holds ONNX sample axis `axis` of a rank-`rank` sample. */
export function graphAxis(rank: number, axis: number): number {
  if (rank === 3) return [2, 0, 1][axis];
  if (rank === 2) return [2, 1][axis];
  return axis;
}

const size = (d: readonly number[]) => d.reduce((a, b) => a * b, 1);
const nonUnit = (d: readonly number[], perm: readonly number[]) => perm.filter((k) => d[k] !== 1);
const sorted = (p: readonly number[]) => p.every((v, i) => i === 0 || p[i - 1] < v);

/** Emits graph Transpose/Reshape nodes, skipping those that move no value. */
class Chain {
  constructor(
    private readonly ctx: ImportContext,
    private readonly base: string,
    public ref: string,
    public shape: number[],
  ) {}

  /** The Reshape this chain emitted last, with what it read. */
  private reshaped?: { ref: string; from: string; shape: number[] };

  reshape(to: number[]): this {
    if (to.join() === this.shape.join()) return this;
    const last = this.reshaped?.ref === this.ref ? this.reshaped : undefined;
    const spec = last && this.ctx.specOf(last.ref);
    if (last && spec) {
      // Two reshapes in a row are one (or none, when they undo each other).
      if (to.join() === last.shape.join()) {
        this.ctx.specs.splice(this.ctx.specs.indexOf(spec), 1);
        this.ref = last.from;
        this.reshaped = undefined;
      } else spec.attrs = { shape: to };
      this.shape = to;
      return this;
    }
    const from = { ref: this.ref, shape: this.shape };
    this.ref = this.ctx.reserveAndPush({ op: 'Reshape', inputs: [this.ref], attrs: { shape: to } }, `${this.base}/reshape`);
    this.reshaped = { ref: this.ref, from: from.ref, shape: from.shape };
    this.shape = to;
    return this;
  }

  transpose(perm: number[]): this {
    const to = perm.map((k) => this.shape[k]);
    // Moving only size-1 axes keeps the memory order: a reshape does it.
    if (sorted(nonUnit(this.shape, perm))) return this.reshape(to);
    this.ref = this.ctx.reserveAndPush({ op: 'Transpose', inputs: [this.ref], attrs: { perm } }, `${this.base}/transpose`);
    this.shape = to;
    return this;
  }
}

/** Graph layout → ONNX's row-major order of the sample (a graph tensor shaped like the ONNX sample). */
function toOnnxOrder(c: Chain, rank: number): Chain {
  if (rank === 3) return c.transpose([2, 0, 1]);
  if (rank === 2) return c.transpose([0, 2, 1]).reshape([c.shape[1], c.shape[2]]);
  return c;
}

/** ONNX row-major order of a sample shaped `onnx` → the graph's layout of it. */
function fromOnnxOrder(c: Chain, onnx: number[]): Chain {
  if (onnx.length === 3) return c.reshape(onnx).transpose([1, 2, 0]);
  if (onnx.length === 2) return c.reshape([1, ...onnx]).transpose([0, 2, 1]);
  return c.reshape(onnx);
}

/**
 * Emits what turns `x` (ONNX sample shape `x.shape`) into the tensor ONNX would get by
 * `fn(x in ONNX order)`: `perm` permutes the ONNX sample axes, then the result is reshaped (row-major,
 * ONNX order) to `shape`. Only moves that change the memory order become Transpose nodes.
 */
export function relayout(ctx: ImportContext, node: OnnxNode, x: TensorValue, opts: { perm?: number[]; shape?: number[] }): TensorValue {
  const rank = x.shape.length;
  if (rank < 1 || rank > 3) throw ctx.fail(node, 'unsupported-op', `its input has shape [N, ${x.shape.join(', ')}]; only ranks 2 to 4 are supported`);
  const perm = opts.perm ?? [...Array(rank).keys()];
  const permuted = perm.map((k) => x.shape[k]);
  const shape = opts.shape ?? permuted;
  if (shape.length < 1 || shape.length > 3)
    throw ctx.fail(node, 'unsupported-op', `its output has shape [N, ${shape.join(', ')}]; only ranks 2 to 4 are supported`);
  if (size(shape) !== size(x.shape)) throw ctx.fail(node, 'graph', `[${shape.join(', ')}] does not hold the values of [${x.shape.join(', ')}]`);
  const c = new Chain(ctx, node.name, x.ref, graphShape(x.shape));
  if (keepsMemoryOrder(x.shape, perm, shape)) c.reshape(graphShape(shape));
  else fromOnnxOrder(toOnnxOrder(c, rank).transpose(perm), shape);
  if (c.ref === x.ref) {
    // Nothing moved: still give the output a node when it must differ from its input (graph outputs).
    return { kind: 'tensor', ref: x.ref, shape };
  }
  return { kind: 'tensor', ref: c.ref, shape };
}

/** True when the whole relayout moves no value in the graph's memory (checked on an index map). */
function keepsMemoryOrder(from: number[], perm: number[], to: number[]): boolean {
  const n = size(from);
  if (n > 1 << 20) return false;
  const t = (d: number[], data: Float32Array): HostTensor => ({ name: '', dims: d, kind: 'float', data });
  // Graph layout → ONNX order → permuted → reshaped → graph layout, on the indices 0..n−1.
  const g = graphShape(from);
  let v = t(
    g,
    Float32Array.from({ length: n }, (_, i) => i),
  );
  if (from.length === 3) v = transposeHost(v, [2, 0, 1]);
  if (from.length === 2) v = t(from, transposeHost(v, [0, 2, 1]).data as Float32Array);
  v = t(to, transposeHost(v, perm).data as Float32Array);
  if (to.length === 3) v = transposeHost(v, [1, 2, 0]);
  if (to.length === 2) v = transposeHost(t([1, ...to], v.data as Float32Array), [0, 2, 1]);
  return v.data.every((k, i) => k === i);
}

/**
 * A Flatten of a `[C, H, W]` map (features in H·W·C order, `hwcOf` set) reordered to ONNX's C·H·W
 * order, for the consumers that cannot permute their own weights instead (graph outputs, Softmax, …).
 */
export function inOnnxOrder(ctx: ImportContext, base: string, v: TensorValue): TensorValue {
  if (!v.hwcOf) return v;
  const [c, h, w] = v.hwcOf;
  const chain = new Chain(ctx, base, v.ref, v.shape).reshape([h, w, c]).transpose([2, 0, 1]).reshape(v.shape);
  return { kind: 'tensor', ref: chain.ref, shape: v.shape };
}
