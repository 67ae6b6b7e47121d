import type { ImportContext, TensorValue } from '../context.js';
import type { OnnxNode } from '../proto/types.js';
import type { HostTensor } from '../tensor/host-tensor.js';

/** The ONNX ops whose output may be an `Affine` node (see affine-fold.ts). */
const ARITHMETIC = ['Add', 'Sub', 'Mul', 'Div'];

/**
 * Folds a per-channel `Affine` (x·s + t, e.g. `(x − mean) / std` in a model's forward) into the
 * Conv2d or Linear that reads it, when that is exact: nothing else reads it and the op has no zero
 * padding (a padded zero would become t). With W `[…taps, C/groups, M]` (HWIO, or `[in, out]`):
 *
 *   W'[k, c, m] = W[k, c, m]·s_c,   b'_m = b_m + Σ_{k, c} W[k, c, m]·t_c
 *
 * Returns the input the op should read (the Affine's input when folded) and updates `params`.
 */
export function absorbInputAffine(
  node: OnnxNode,
  ctx: ImportContext,
  x: TensorValue,
  params: { weight: HostTensor; bias?: HostTensor },
  opts: { groups: number; padded: boolean },
): string {
  const spec = ctx.specOf(x.ref);
  const producer = ctx.producer(node.inputs[0]);
  if (opts.padded || spec?.op !== 'Affine' || !producer || !ARITHMETIC.includes(producer.opType) || !ctx.index.readOnlyBy(node.inputs[0], node)) return x.ref;
  const c = x.shape[0];
  const vec = (t: HostTensor | undefined, def: number) => {
    if (!t) return new Float32Array(c).fill(def);
    if (t.data.length === 1) return new Float32Array(c).fill(t.data[0]);
    return t.dims.length === 1 && t.dims[0] === c ? Float32Array.from(t.data) : undefined;
  };
  const s = vec(spec.params?.scale, 1);
  const t = vec(spec.params?.shift, 0);
  if (!s || !t) return x.ref;
  const w = params.weight;
  const m = w.dims[w.dims.length - 1];
  const cg = w.dims[w.dims.length - 2];
  const perGroup = m / opts.groups;
  const weight = new Float32Array(w.data.length);
  const bias = Float32Array.from(params.bias?.data ?? new Float32Array(m));
  for (let i = 0; i < w.data.length; i++) {
    const mi = i % m;
    const ch = Math.floor(mi / perGroup) * cg + (Math.floor(i / m) % cg);
    weight[i] = w.data[i] * s[ch];
    bias[mi] += w.data[i] * t[ch];
  }
  params.weight = { ...w, kind: 'float', data: weight };
  params.bias = { name: params.bias?.name ?? `${node.name}.bias`, dims: [m], kind: 'float', data: bias };
  ctx.specs.splice(ctx.specs.indexOf(spec), 1);
  return spec.inputs[0];
}
