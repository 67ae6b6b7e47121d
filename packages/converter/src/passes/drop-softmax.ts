import type { Graph } from '@snn/graph';

/** A Softmax / LogSoftmax that the converter removed, for the report. */
export interface DroppedSoftmax {
  node: string;
  /** 'Softmax' or 'LogSoftmax' (a Softmax node with `log: true`). */
  kind: 'Softmax' | 'LogSoftmax';
}

/**
 * Removes every `Softmax` node (softmax and log-softmax) that feeds a graph output only, so the
 * spiking readout reads the logits. Both are strictly increasing per sample, arg max_i softmax(z)_i =
 * arg max_i z_i, so the class a spike count or accumulated input ranks first is the same; the
 * probabilities themselves have no spiking counterpart. A Softmax that something else reads stays
 * (and conversion then refuses it). Pure: returns a new graph.
 */
export function dropSoftmax(graph: Graph): { graph: Graph; dropped: DroppedSoftmax[] } {
  const dropped: DroppedSoftmax[] = [];
  for (const n of graph.nodes) {
    if (n.op !== 'Softmax' || graph.consumers(n.name).length > 0 || !graph.outputs.includes(n.name)) continue;
    dropped.push({ node: n.name, kind: n.attrs.log ? 'LogSoftmax' : 'Softmax' });
  }
  if (dropped.length === 0) return { graph, dropped };
  return { graph: graph.with({ remove: dropped.map((d) => d.node) }), dropped };
}
