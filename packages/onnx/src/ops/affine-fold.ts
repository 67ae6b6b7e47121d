import type { ImportContext, TensorValue } from '../context.js';
import type { OnnxNode } from '../proto/types.js';
import type { HostTensor } from '../tensor/host-tensor.js';
import type { GraphConstant } from './constant-operand.js';

/** y = x·scale + shift with constants in the graph's layout (undefined: 1 and 0). */
export interface AffineConstants {
  scale?: GraphConstant;
  shift?: GraphConstant;
}

/** The ONNX ops that emit Affine nodes. */
const ARITHMETIC = ['Add', 'Sub', 'Mul', 'Div'];

const vec = (name: string, data: Float32Array): HostTensor => ({ name, dims: [data.length], kind: 'float', data });

/**
 * Emits y = x·scale + shift for ONNX node `node` reading `x` (its input `xi`), folded where that is
 * exact: into the Conv2d/Linear/BatchNorm/Affine that produces `x` when the constants are one value
 * per channel and nothing else reads `x` (w' = w·s, b' = b·s + t; for BatchNorm γ' = γ·s, β' = β·s + t),
 * else as an `Affine` node (linear, so the converter passes it through).
 */
export function emitAffine(node: OnnxNode, ctx: ImportContext, x: TensorValue, xi: number, a: AffineConstants) {
  // Fold only into the spec that the ONNX node producing x emitted (not through an Identity, …).
  const producer = ctx.producer(node.inputs[xi]);
  const spec = producer && ctx.index.readOnlyBy(node.inputs[xi], node) ? ctx.specOf(x.ref) : undefined;
  const made = (ops: string[]) => producer !== undefined && ops.includes(producer.opType);
  const perChannel = (!a.scale || a.scale.perChannel) && (!a.shift || a.shift.perChannel);
  const c = x.shape[0];
  if (spec && perChannel) {
    const s = a.scale?.perChannel ?? new Float32Array(c).fill(1);
    const t = a.shift?.perChannel ?? new Float32Array(c);
    const p = spec.params ?? {};
    const scaleOut = (w: HostTensor) => ({ ...w, data: w.data.map((v, i) => v * s[i % c]) });
    const affine = (b: HostTensor | undefined, name: string) =>
      vec(
        b?.name ?? name,
        Float32Array.from(t, (ti, i) => (b ? b.data[i] * s[i] : 0) + ti),
      );
    if ((spec.op === 'Conv2d' || spec.op === 'Linear') && made(['Conv', 'Gemm', 'MatMul']) && p.weight.dims[p.weight.dims.length - 1] === c) {
      spec.params = { ...p, weight: scaleOut(p.weight), bias: affine(p.bias, `${spec.name}.bias`) };
      return ctx.define(node.outputs[0], x);
    }
    if (spec.op === 'BatchNorm' && made(['BatchNormalization'])) {
      spec.params = { ...p, gamma: scaleOut(p.gamma), beta: affine(p.beta, `${spec.name}.beta`) };
      return ctx.define(node.outputs[0], x);
    }
  }
  if (spec?.op === 'Affine' && made(ARITHMETIC) && mergeable(spec.params ?? {}, a)) {
    // (x·s₁ + t₁)·s₂ + t₂ = x·(s₁s₂) + (t₁s₂ + t₂), all of one broadcast shape.
    const p = spec.params ?? {};
    const s2 = a.scale?.tensor;
    const t2 = a.shift?.tensor;
    const mul = (u: HostTensor | undefined, v: HostTensor | undefined) =>
      u && v ? { ...u, data: u.data.map((e, i) => e * v.data[v.data.length === 1 ? 0 : i]) } : (u ?? v);
    const scale = mul(p.scale, s2);
    const shiftScaled = p.shift && s2 ? mul(p.shift, s2) : p.shift;
    const shift = shiftScaled && t2 ? { ...shiftScaled, data: shiftScaled.data.map((e, i) => e + t2.data[t2.data.length === 1 ? 0 : i]) } : (shiftScaled ?? t2);
    spec.params = { ...(scale ? { scale } : {}), ...(shift ? { shift } : {}) };
    return ctx.define(node.outputs[0], x);
  }
  const params: Record<string, HostTensor> = {};
  if (a.scale) params.scale = a.scale.tensor;
  if (a.shift) params.shift = a.shift.tensor;
  const ref = ctx.emit(node, { op: 'Affine', inputs: [x.ref], attrs: {}, params });
  ctx.define(node.outputs[0], { ...x, ref });
}

/** Two affines merge when every constant involved has the same dims (or is a scalar). */
function mergeable(p: Record<string, HostTensor>, a: AffineConstants): boolean {
  const all = [p.scale, p.shift, a.scale?.tensor, a.shift?.tensor].filter((t) => t !== undefined);
  const big = all.filter((t) => t.data.length > 1);
  return big.every((t) => t.dims.join() === big[0].dims.join());
}
