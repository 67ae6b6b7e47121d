import type { Graph } from '@snn/graph';
import type { OutputMeansFn } from '../passes/output-means.js';

/**
 * The graph cut to what its outputs depend on: every node on a path from an input to an output,
 * nothing else. A simulation's plan runs every node of its graph, so bias correction's probe graphs
 * (the SNN with its output moved to an inner layer) simulated every later layer for nothing.
 */
export function outputCone(g: Graph): Graph {
  const keep = new Set<string>();
  const stack = [...g.outputs];
  while (stack.length) {
    const name = stack.pop() as string;
    if (keep.has(name) || !g.has(name)) continue; // a graph input, or already kept
    keep.add(name);
    stack.push(...g.node(name).inputs);
  }
  return keep.size === g.nodes.length ? g : g.with({ nodes: g.toSpecs().filter((s) => keep.has(s.name)) });
}

/** `means` run on each graph's {@link outputCone}: the same means, without the layers they do not read. */
export const onOutputCone =
  (means: OutputMeansFn): OutputMeansFn =>
  (snn, data, T, at) =>
    means(outputCone(snn), data, T, at);
