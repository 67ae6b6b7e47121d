import { getLayer, type Graph } from '@snn/graph';
import { outputCone } from '../choose/output-cone.js';

/** The node and every node it depends on. */
function ancestors(g: Graph, name: string): Set<string> {
  const seen = new Set<string>();
  const stack = [name];
  while (stack.length) {
    const n = stack.pop() as string;
    if (seen.has(n) || !g.has(n)) continue;
    seen.add(n);
    stack.push(...g.node(n).inputs);
  }
  return seen;
}

/**
 * `g` cut at node `at`: `at` becomes the graph's input and only the nodes after it stay, when every
 * path from the input to the output passes through `at` (no kept node reads anything before it);
 * undefined otherwise. Fed what `at` computed in `g`, the cut graph computes what `g` does.
 */
export function cutAt(g: Graph, at: string): Graph | undefined {
  if (!g.has(at)) return undefined;
  const before = ancestors(g, at);
  const keep = g.toSpecs().filter((s) => !before.has(s.name));
  const kept = new Set(keep.map((s) => s.name));
  if (!keep.length || keep.some((s) => s.inputs.some((i) => i !== at && !kept.has(i)))) return undefined;
  return g.with({ inputs: [{ name: at, shape: [...g.shapeOf(at)] }], nodes: keep, outputs: [...g.outputs] });
}

/** `g`'s output preceded by node `node`'s values: Concat(Flatten(node), Flatten(output)) — one run gives both, unchanged. */
export function withRecord(g: Graph, node: string): Graph {
  const out = g.outputs[0];
  const flat = (n: string) => (g.shapeOf(n).length === 1 ? [] : [{ name: `${n}/stage-flat`, op: 'Flatten', inputs: [n], attrs: {}, params: {} }]);
  const name = (n: string) => (g.shapeOf(n).length === 1 ? n : `${n}/stage-flat`);
  const cat = { name: 'bias-correction/stage', op: 'Concat', inputs: [name(node), name(out)], attrs: { axis: -1 }, params: {} };
  return g.with({ add: [...flat(node), ...flat(out), cat], outputs: [cat.name] });
}

/** The name {@link splitBias} gives a layer's sums before its bias. */
export const sumsOf = (layer: string): string => `${layer}/sums`;

/**
 * `g` with the Conv2d / Linear `layer` split in two, the same values: its sums before the bias, Σ, as node
 * {@link sumsOf}(layer) (the layer without its bias), and `layer` itself an Affine that adds the bias,
 * y = fl(Σ + b) — what the layer computes (tfjs adds a layer's bias after its sums; so do the simulator's
 * sparse kernels). A bias correction changes b only: Σ recorded before it is what the corrected layer sums.
 * Undefined for any other op.
 */
export function splitBias(g: Graph, layer: string): Graph | undefined {
  if (!g.has(layer) || !['Conv2d', 'Linear'].includes(g.node(layer).op)) return undefined;
  const n = g.node(layer);
  const { bias, ...params } = n.params;
  return g.with({
    add: [{ name: sumsOf(layer), op: n.op, inputs: [...n.inputs], attrs: n.attrs, params }],
    update: { [layer]: { op: 'Affine', inputs: [sumsOf(layer)], attrs: {}, params: bias ? { shift: bias } : {} } },
  });
}

const size = (g: Graph, n: string) => g.shapeOf(n).reduce((a, b) => a * b, 1);
/** Multiply-adds per output value of a Conv2d / Linear (its weight's size over its output channels), else 0. */
const fanIn = (g: Graph, n: string) => {
  const w = g.node(n).params.weight;
  return w && ['Conv2d', 'Linear'].includes(g.node(n).op) ? w.size / w.shape[w.shape.length - 1] : 0;
};

/**
 * What a node costs a stage per image and step, in multiply-adds of a sparse layer: a Conv2d / Linear
 * its multiply-adds; a spiking node ≈ 15 per neuron; anything else ≈ 2 per value (fitted to the tutorial
 * CNN's kernel times: conv 358 ms for 1.1 M MAC, IF + pool 107 ms for 21,632 neurons, 256 × 32 steps).
 */
function cost(g: Graph, n: string): number {
  const f = fanIn(g, n);
  return f ? f * size(g, n) : (getLayer(g.node(n).op).stateful ? 15 : 2) * size(g, n);
}

/** What recording costs per value per image and step, in the units of {@link cost} (measured: ≈ 30 ns a value, 832 values × 256 images × 32 steps). */
export const RECORD_COST = 500;

/**
 * The node to record in stage `graph`'s run for the next stage `next` to replay (or undefined): a node
 * of `next` that `next` can be cut at, time-varying, that none of `fixedLater` (layers corrected later)
 * feeds, and whose replay saves more than it costs — the layers before it (after `from`, the node the
 * next stage could replay otherwise) against ≈ {@link RECORD_COST} per recorded value (the wider output's
 * readout, the record, the replay) plus the multiply-adds of the layers reading it (they run dense on
 * replayed input). The one that saves the most. A spiking node with one reader is not recorded: that
 * reader (a pool) is the better cut, and a second reader would keep the engine from fusing the two.
 */
export function pickRecord(next: Graph, fixedLater: ReadonlySet<string>, from?: string): string | undefined {
  const varying = new Set<string>();
  for (const n of next.nodes) if (getLayer(n.op).stateful || n.inputs.some((i) => varying.has(i))) varying.add(n.name);
  const already = from && cutAt(next, from) ? ancestors(next, from) : new Set<string>();
  let best: { node: string; gain: number } | undefined;
  for (const n of next.nodes) {
    if (!varying.has(n.name) || next.outputs.includes(n.name)) continue;
    if (getLayer(n.op).stateful && next.consumers(n.name).length === 1) continue;
    const up = ancestors(next, n.name);
    if ([...up].some((a) => fixedLater.has(a)) || !cutAt(next, n.name)) continue;
    let saved = 0;
    for (const a of up) if (varying.has(a) && !already.has(a)) saved += cost(next, a);
    const readers = next.consumers(n.name).reduce((s, r) => s + fanIn(next, r.name) * size(next, r.name), 0);
    const gain = saved - RECORD_COST * size(next, n.name) - readers;
    if (gain > 0 && (!best || gain > best.gain)) best = { node: n.name, gain };
  }
  return best?.node;
}

export { outputCone };
