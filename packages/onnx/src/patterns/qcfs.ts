import { OnnxImportError } from '../errors.js';
import { AttributeType, DataType } from '../proto/schema.js';
import type { OnnxAttribute, OnnxGraph, OnnxModel, OnnxNode, RawTensor } from '../proto/types.js';
import { type ChainStep, proveQcfs } from './qcfs-algebra.js';
import { constantReader, stepOf } from './qcfs-steps.js';

/** The ONNX op type of a fused QCFS node (no ONNX op has it); its `snn_fused` attribute lists the nodes it replaced. */
export const QCFS_OP = 'QCFS';

interface Link {
  node: OnnxNode;
  step: ChainStep;
  input: string;
}

/**
 * Pattern pass run before the op handlers: every chain of elementwise ops around a `Floor`
 * (Mul/Div/Add/Sub by constants, Clip/Min/Max/Relu, in any order; the straight-through
 * `u + (⌊u⌋ − u)` counts as ⌊u⌋) that {@link proveQcfs} proves equal to
 * y = λ·clip(⌊x·L/λ + ½⌋/L, 0, 1) becomes one `QCFS(x, λ)` node with attribute `levels` = L.
 * A Floor whose chain cannot be proven is refused, naming its nodes and why. Pure.
 */
export function fuseQcfs(model: OnnxModel, opset: number): OnnxModel {
  const g = model.graph;
  const nodes = foldStraightThrough(g);
  if (!nodes.some((n) => n.opType === 'Floor' && n.domain === '')) return model;
  const producer = new Map<string, OnnxNode>();
  const consumers = new Map<string, OnnxNode[]>();
  for (const n of nodes) {
    for (const o of n.outputs) producer.set(o, n);
    for (const i of n.inputs) if (i) consumers.set(i, [...(consumers.get(i) ?? []), n]);
  }
  const outputs = new Set(g.outputs.map((o) => o.name));
  const only = (v: string, n: OnnxNode) => !outputs.has(v) && consumers.get(v)?.length === 1 && consumers.get(v)?.[0] === n;
  const constant = constantReader({ ...g, nodes });
  const computed = (v: string) => v !== '' && !g.initializers.some((t) => t.name === v) && producer.get(v)?.opType !== 'Constant';
  const fused = new Map<OnnxNode, OnnxNode>(); // first node of a chain → its QCFS node
  const gone = new Set<OnnxNode>();
  const inits: RawTensor[] = [];
  for (const floor of nodes.filter((n) => n.opType === 'Floor' && n.domain === '')) {
    const pre: Link[] = [];
    for (let v = floor.inputs[0], p = producer.get(v); p && only(v, pre[0]?.node ?? floor); p = producer.get(v)) {
      const ins = p.inputs.filter(computed);
      const step = ins.length === 1 && p.outputs.length === 1 ? stepOf(p, ins[0], opset, constant, []) : undefined;
      if (!step || step.kind === 'floor') break;
      pre.unshift({ node: p, step, input: ins[0] });
      v = ins[0];
    }
    const post: Link[] = [];
    for (let w = floor.outputs[0]; ; ) {
      const q = consumers.get(w)?.[0];
      const step = q && only(w, q) && q.outputs.length === 1 ? stepOf(q, w, opset, constant, []) : undefined;
      if (!q || !step || step.kind === 'floor') break;
      post.push({ node: q, step, input: w });
      w = q.outputs[0];
    }
    const floorLink: Link = { node: floor, step: { kind: 'floor' }, input: floor.inputs[0] };
    let firstReason = '';
    let done = false;
    for (let i = 0; i <= pre.length && !done; i++) {
      for (let j = post.length; j >= 0 && !done; j--) {
        const chain = [...pre.slice(i), floorLink, ...post.slice(0, j)];
        const shapes: number[][] = [];
        for (const l of chain) stepOf(l.node, l.input, opset, constant, shapes);
        const dims = shapes[0] ?? [];
        const proof = shapes.some((s) => s.join() !== dims.join())
          ? { ok: false as const, reason: `its constants broadcast as ${shapes.map((s) => `[${s.join(', ')}]`).join(' and ')}` }
          : proveQcfs(chain.map((l) => l.step));
        firstReason ||= proof.ok ? '' : proof.reason;
        if (!proof.ok) continue;
        const names = chain.map((l) => l.node.name);
        const name = fusedName(names, floor.name);
        const lambdaName = `${name}/lambda`;
        inits.push(floatInit(lambdaName, proof.lambda.length > 1 ? dims : [1], proof.lambda));
        const attributes = new Map<string, OnnxAttribute>([
          ['levels', attribute('levels', AttributeType.INT, { i: proof.levels })],
          ['snn_fused', attribute('snn_fused', AttributeType.STRINGS, { strings: names.map((n) => new TextEncoder().encode(n)) })],
        ]);
        const last = chain[chain.length - 1].node;
        fused.set(chain[0].node, {
          name,
          opType: QCFS_OP,
          domain: '',
          inputs: [chain[0].input, lambdaName],
          outputs: [last.outputs[0]],
          attributes,
          index: chain[0].node.index,
        });
        for (const l of chain) gone.add(l.node);
        done = true;
      }
    }
    if (!done) {
      const names = [...pre, floorLink, ...post].map((l) => l.node.name).join(', ');
      throw new OnnxImportError('unsupported-op', `nodes ${names}: a Floor chain that is not provably QCFS (y = λ·clip(⌊x·L/λ + ½⌋/L, 0, 1)): ${firstReason}`, {
        node: floor.name,
        opType: 'Floor',
        opset,
      });
    }
  }
  const out = nodes.flatMap((n) => (fused.has(n) ? [fused.get(n) as OnnxNode] : gone.has(n) ? [] : [n])).map((n, index) => ({ ...n, index }));
  const graph: OnnxGraph = { ...g, nodes: out, initializers: [...g.initializers, ...inits] };
  return { ...model, graph };
}

/** `u + (⌊u⌋ − u)` — PyTorch's `u + (u.floor() − u).detach()` straight-through trick — is ⌊u⌋ exactly for |u| < 2²³. */
function foldStraightThrough(g: OnnxGraph): OnnxNode[] {
  const uses = (v: string) => g.nodes.filter((n) => n.inputs.includes(v));
  const outputs = new Set(g.outputs.map((o) => o.name));
  const drop = new Set<OnnxNode>();
  const renamed = new Map<OnnxNode, string>();
  for (const f of g.nodes.filter((n) => n.opType === 'Floor' && n.domain === '')) {
    const [u, fo] = [f.inputs[0], f.outputs[0]];
    const sub = uses(fo);
    if (sub.length !== 1 || outputs.has(fo) || sub[0].opType !== 'Sub' || sub[0].inputs.join() !== [fo, u].join()) continue;
    const so = sub[0].outputs[0];
    const add = uses(so);
    if (add.length !== 1 || outputs.has(so) || add[0].opType !== 'Add' || [...add[0].inputs].sort().join() !== [u, so].sort().join()) continue;
    drop.add(sub[0]).add(add[0]);
    renamed.set(f, add[0].outputs[0]);
  }
  return g.nodes.filter((n) => !drop.has(n)).map((n) => (renamed.has(n) ? { ...n, outputs: [renamed.get(n) as string] } : n));
}

/** `/act/QCFS` for nodes named `/act/Div`, `/act/Floor`, … (the module's prefix), else `<floor>/QCFS`. */
function fusedName(names: string[], floor: string): string {
  let prefix = names[0];
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = prefix.lastIndexOf('/');
  return cut > 0 ? `${prefix.slice(0, cut + 1)}QCFS` : `${floor}/QCFS`;
}

function floatInit(name: string, dims: number[], values: number[]): RawTensor {
  const f = Float32Array.from(values);
  const empty: never[] = [];
  return {
    name,
    dims,
    dataType: DataType.FLOAT,
    floatData: f,
    int32Data: empty,
    int64Data: empty,
    doubleData: empty,
    uint64Data: empty,
    stringData: empty,
    rawData: new Uint8Array(0),
    externalData: empty,
    dataLocation: 0,
  };
}

function attribute(name: string, type: number, v: Partial<OnnxAttribute>): OnnxAttribute {
  return { name, type, f: 0, i: 0, s: new Uint8Array(0), floats: [], ints: [], strings: [], ...v };
}
