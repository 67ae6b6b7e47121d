import { getLayer, type Graph, type GraphNode } from '@snn/graph';

/** How the chunked engine runs a node. */
export type NodeRole =
  /** Stateless, every input constant over time: computed once per batch (`[B, …]`). */
  | 'static'
  /** Stateless, some input varies over time: one call per time chunk on `[steps·B, …]`. */
  | 'dynamic'
  /** A spiking (stateful) node: its recurrence runs step by step over the chunk. */
  | 'spiking';

export interface PlanNode {
  node: GraphNode;
  role: NodeRole;
  /** Per input: true when that input is constant over time. */
  staticInputs: boolean[];
}

/** A graph compiled for the chunked engine. */
export interface Plan {
  graph: Graph;
  nodes: PlanNode[];
  /** Node (or graph input) read as the class scores: `graph.outputs[0]`. */
  output: string;
  /** True when the output is constant over time (a graph with no spiking node on its path). */
  staticOutput: boolean;
  /** Values per sample of each node or input. */
  sizes: Map<string, number>;
}

const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/**
 * Classifies each node for the chunked engine. With `constantInput` (an encoder that feeds the
 * image itself at every step) the graph inputs are static, and so is every stateless node that
 * reads only static values: the first layer then runs once per batch, not once per step.
 *
 * Stateless layers are run on batches with time folded in (`[steps·B, …]`): every built-in op
 * treats samples independently, which is what makes that fold exact.
 */
export function compilePlan(graph: Graph, constantInput: boolean): Plan {
  const isStatic = new Map<string, boolean>(graph.inputs.map((i) => [i.name, constantInput]));
  const sizes = new Map<string, number>(graph.inputs.map((i) => [i.name, prod(i.shape)]));
  const nodes: PlanNode[] = [];
  for (const node of graph.nodes) {
    const staticInputs = node.inputs.map((i) => isStatic.get(i) ?? false);
    const spiking = getLayer(node.op).stateful === true;
    const role: NodeRole = spiking ? 'spiking' : staticInputs.every(Boolean) ? 'static' : 'dynamic';
    isStatic.set(node.name, role === 'static');
    sizes.set(node.name, prod(node.shape));
    nodes.push({ node, role, staticInputs });
  }
  const output = graph.outputs[0];
  return { graph, nodes, output, staticOutput: isStatic.get(output) ?? false, sizes };
}

/** The largest number of values per sample of a node that runs per step: what bounds one node's chunk. */
export function largestDynamicSize(plan: Plan): number {
  let m = 1;
  for (const p of plan.nodes) if (p.role !== 'static') m = Math.max(m, plan.sizes.get(p.node.name) as number);
  return m;
}

/** Values per sample of all the nodes that run per step together: what one step of a chunk holds at most. */
export function dynamicValues(plan: Plan): number {
  let s = 0;
  for (const p of plan.nodes) if (p.role !== 'static') s += plan.sizes.get(p.node.name) as number;
  return Math.max(1, s);
}
