import type { Graph } from '@snn/graph';
import { isConvertibleActivation } from './replace-activations.js';

/**
 * Moves each MaxPool2d that reads a ReLU / Clip(0, λ) (read by nothing else) ahead of it:
 *
 *   MaxPool(ReLU(x)) = ReLU(MaxPool(x))   (ReLU and clipping are monotone)
 *
 * so the max is taken over analog currents and the IF neurons come after it; no spiking max-pool is
 * needed. Exact for the ANN. Returns the new graph and the pools moved.
 */
export function moveMaxPoolBeforeActivation(graph: Graph): { graph: Graph; moved: string[] } {
  const moved: string[] = [];
  let g = graph;
  for (const pool of graph.nodes) {
    if (pool.op !== 'MaxPool2d' || !g.has(pool.inputs[0])) continue;
    const act = g.node(pool.inputs[0]);
    if (!isConvertibleActivation(act) || g.consumers(act.name).length !== 1 || g.outputs.includes(act.name)) continue;
    // act reads src; pool reads act  →  pool reads src; act reads pool; readers of pool read act.
    const src = act.inputs[0];
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
