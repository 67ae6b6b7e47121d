import { AttributeType } from '../proto/schema.js';
import type { OnnxGraph, OnnxNode } from '../proto/types.js';
import { decodeTensor } from '../tensor/decode-tensor.js';
import type { HostTensor } from '../tensor/host-tensor.js';
import type { ChainStep } from './qcfs-algebra.js';

/** A chain constant: its values and the shape it broadcasts with (leading 1s dropped; [] for one value). */
export interface ChainConstant {
  values: number[];
  dims: number[];
}

/** Reads the import-time constants a chain may use: initializers and `Constant` outputs (small ones). */
export function constantReader(g: OnnxGraph): (name: string) => ChainConstant | undefined {
  const raw = new Map(g.initializers.map((t) => [t.name, t]));
  const constNodes = new Map(g.nodes.filter((n) => n.opType === 'Constant' && n.domain === '').map((n) => [n.outputs[0], n]));
  return (name) => {
    let t: HostTensor | undefined;
    const init = raw.get(name);
    const node = constNodes.get(name);
    if (init) t = decodeTensor(init, { maxElements: 1 << 16 });
    else if (node) {
      const a = node.attributes;
      const value = a.get('value');
      if (value?.t) t = decodeTensor(value.t, { maxElements: 1 << 16 });
      else if (a.get('value_float')) t = { name, dims: [], kind: 'float', data: Float32Array.of((a.get('value_float') as { f: number }).f) };
    }
    if (!t) return undefined;
    const dims = [...t.dims];
    while (dims.length && dims[0] === 1) dims.shift();
    return { values: Array.from(t.data), dims: t.data.length === 1 ? [] : dims };
  };
}

const ALL = ['Mul', 'Div', 'Add', 'Sub', 'Clip', 'Min', 'Max', 'Relu', 'Floor', 'Identity'];

/**
 * The chain step of `node` acting on its input `chain` (the one computed value it reads), with
 * `shapes` collecting the dims of the constants used; undefined when the node is not a step of a
 * QCFS chain (other ops, a second computed input, a constant divided by the value, a scale ≤ 0).
 */
export function stepOf(
  node: OnnxNode,
  chain: string,
  opset: number,
  constant: (n: string) => ChainConstant | undefined,
  shapes: number[][],
): ChainStep | undefined {
  if (node.domain !== '' || !ALL.includes(node.opType)) return undefined;
  const at = node.inputs.indexOf(chain);
  if (at < 0 || node.inputs.lastIndexOf(chain) !== at) return undefined;
  const consts = node.inputs.map((name, i) => ({ name, i, c: name && i !== at ? constant(name) : undefined })).filter((o) => o.name && o.i !== at);
  if (consts.some((o) => !o.c)) return undefined;
  for (const o of consts) if (o.c?.dims.length) shapes.push(o.c.dims);
  const k = (o: (typeof consts)[number]) => (o.c as ChainConstant).values;
  const first = at === 0;
  const op = node.opType;
  if (op === 'Floor') return { kind: 'floor' };
  if (op === 'Identity') return { kind: 'affine', m: [1], c: [0] };
  if (op === 'Relu') return { kind: 'clip', lo: [0], hi: [Number.POSITIVE_INFINITY] };
  if (op === 'Clip') {
    if (opset < 11) {
      const f = (key: string, def: number) => (node.attributes.get(key)?.type === AttributeType.FLOAT ? (node.attributes.get(key) as { f: number }).f : def);
      return { kind: 'clip', lo: [f('min', Number.NEGATIVE_INFINITY)], hi: [f('max', Number.POSITIVE_INFINITY)] };
    }
    const bound = (i: number, def: number) => consts.find((o) => o.i === i)?.c?.values ?? [def];
    const lo = bound(1, Number.NEGATIVE_INFINITY);
    const hi = bound(2, Number.POSITIVE_INFINITY);
    return lo.length === 1 && hi.length === 1 && lo[0] <= hi[0] ? { kind: 'clip', lo, hi } : undefined;
  }
  if (consts.length !== 1) return undefined;
  const v = k(consts[0]);
  if (op === 'Min') return { kind: 'clip', lo: [Number.NEGATIVE_INFINITY], hi: v };
  if (op === 'Max') return { kind: 'clip', lo: v, hi: [Number.POSITIVE_INFINITY] };
  if (op === 'Add') return { kind: 'affine', m: [1], c: v };
  if (op === 'Sub') return first ? { kind: 'affine', m: [1], c: v.map((x) => -x) } : undefined;
  const m = op === 'Mul' ? v : first ? v.map((x) => 1 / x) : undefined; // Div: only value / constant
  return m?.every((x) => x > 0 && Number.isFinite(x)) ? { kind: 'affine', m, c: [0] } : undefined;
}
