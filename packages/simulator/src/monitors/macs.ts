import { getLayer, type Graph, type GraphNode } from '@snn/graph';

const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/**
 * Dense multiply-adds of one node for one sample: Conv2d H_out·W_out·M·k_h·k_w·C/groups, Linear
 * in·out; 0 for ops without weights.
 */
export function macsOf(node: GraphNode): number {
  if (node.op === 'Conv2d') {
    const [kh, kw, cinG] = node.params.weight.shape;
    return prod(node.shape) * kh * kw * cinG;
  }
  if (node.op === 'Linear') return prod(node.params.weight.shape);
  return 0;
}

/** The ANN's dense multiply-adds per sample and inference (every Conv2d and Linear). */
export function annMacs(graph: Graph): number {
  return graph.nodes.reduce((s, n) => s + macsOf(n), 0);
}

/** How many outputs of a pooling window read each input value, on average: k_h·k_w / (s_h·s_w). */
function poolSpread(node: GraphNode): number {
  const k = node.attrs.kernel as number[];
  const s = node.attrs.strides as number[];
  return (k[0] * k[1]) / (s[0] * s[1]);
}

/**
 * Average fan-out of one value of `name`: the synapses (weights) it reaches in the next weighted
 * layers, through ops without weights (pooling spreads it over k²/s² windows; Flatten, Add,
 * Concat and the like pass it on). Stateful nodes (neurons, spiking max-pools) and graph outputs end a path: a spike's cost is
 * counted where it meets weights, as synaptic operations (SOPs).
 */
export function fanOut(graph: Graph, name: string): number {
  let total = 0;
  const inputSize = (n: GraphNode) => prod(graph.shapeOf(n.inputs[0]));
  for (const r of graph.consumers(name)) {
    if (r.op === 'Conv2d' || r.op === 'Linear') total += macsOf(r) / inputSize(r);
    else if (getLayer(r.op).stateful)
      continue; // a neuron or a spiking max-pool: its own events are counted
    else if (r.op === 'AvgPool2d' || r.op === 'MaxPool2d') total += poolSpread(r) * fanOut(graph, r.name);
    else total += fanOut(graph, r.name);
  }
  return total;
}
