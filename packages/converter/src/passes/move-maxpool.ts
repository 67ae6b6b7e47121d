import type { Graph } from '@snn/graph';
import { isConvertibleActivation } from './replace-activations.js';

/**
 * Nodes whose value will change from step to step in the SNN: the activations that become IF
 * neurons and everything downstream of one. The rest see only the constant (analog) input.
 */
export function timeVaryingNodes(graph: Graph): Set<string> {
  const varying = new Set<string>();
  for (const n of graph.nodes) if (isConvertibleActivation(n) || n.inputs.some((i) => varying.has(i))) varying.add(n.name);
  return varying;
}

/**
 * Moves a MaxPool2d that reads a ReLU / Clip(0, λ) (read by nothing else) ahead of it:
 *
 *   MaxPool(ReLU(x)) = ReLU(MaxPool(x))   (ReLU and clipping are monotone)
 *
 * so the max is taken over currents and the IF neurons come after it. Exact for the ANN always,
 * and for the SNN only where x is constant over time (no IF upstream, e.g. the first layer under
 * constant input): behind spiking layers the current changes each step and the IF neuron after the
 * moved pool integrates the per-step maximum, E[max] ≥ max E, so it over-fires. By default only the
 * exact moves are made; `inexact: true` moves every pool it can (SpikingJelly HEAD's pre-spike
 * max-pool, kept for comparison). Returns the new graph and the pools moved.
 */
export function moveMaxPoolBeforeActivation(graph: Graph, options: { inexact?: boolean } = {}): { graph: Graph; moved: string[] } {
  const moved: string[] = [];
  let g = graph;
  for (const { name } of graph.nodes) {
    const pool = g.node(name);
    if (pool.op !== 'MaxPool2d' || !g.has(pool.inputs[0])) continue;
    const act = g.node(pool.inputs[0]);
    if (!isConvertibleActivation(act) || g.consumers(act.name).length !== 1 || g.outputs.includes(act.name)) continue;
    const src = act.inputs[0];
    if (!options.inexact && timeVaryingNodes(g).has(src)) continue;
    // act reads src; pool reads act  →  pool reads src; act reads pool; readers of pool read act.
    const specs = g.toSpecs().map((s) => {
      if (s.name === pool.name) return { ...s, inputs: [src] };
      if (s.name === act.name) return { ...s, inputs: [pool.name] };
      return s.inputs.includes(pool.name) ? { ...s, inputs: s.inputs.map((i) => (i === pool.name ? act.name : i)) } : s;
    });
    g = g.with({ nodes: specs, outputs: g.outputs.map((o) => (o === pool.name ? act.name : o)) });
    moved.push(pool.name);
  }
  return { graph: g, moved };
}
