import { fmtNode, GraphError } from './errors.js';
import type { GraphInput, GraphNode, NodeSpec } from './types.js';
import { checkInputs, checkSpec, resolveNode, topoSort } from './validate.js';

/**
 * Edits that {@link Graph.with} applies, in this order: `nodes` (replace the whole list),
 * `remove`, `update`, `insertAfter`, `add`, then `inputs` / `outputs`.
 */
export interface GraphChanges {
  /** A new graph input list. */
  inputs?: GraphInput[];
  /** New output node names. */
  outputs?: string[];
  /** Replaces every node (any order: the result is sorted topologically). */
  nodes?: NodeSpec[];
  /** Removes nodes; whatever read a removed node (nodes and outputs) reads its first input instead. */
  remove?: string[];
  /** Changes fields of existing nodes; `attrs` and `params` replace the old objects whole. */
  update?: Record<string, Partial<Omit<NodeSpec, 'name'>>>;
  /** Adds `spec` reading `after` and moves every reader of `after` (nodes and outputs) onto it. */
  insertAfter?: Array<{ after: string; spec: Omit<NodeSpec, 'inputs'> & { inputs?: string[] } }>;
  /** Adds nodes as they are. */
  add?: NodeSpec[];
  /** A new readout (kept from the old graph otherwise). */
  readout?: GraphReadout;
}

/**
 * How a simulator reads the graph's output: the prediction at step t sums the outputs of the steps
 * after the first `delay` ones (a delayed readout, for SNNs whose first steps carry only start-up
 * transients):  S_t = Σ_{delay < τ ≤ t} out_τ  (t > delay). `delay` is a whole number of steps ≥ 0;
 * 0 (every graph's default) sums from step 1.
 */
export interface GraphReadout {
  delay: number;
}

/** The readout of a graph that names none: outputs summed from step 1. */
export const DEFAULT_READOUT: Readonly<GraphReadout> = Object.freeze({ delay: 0 });

function checkReadout(r: GraphReadout | undefined): Readonly<GraphReadout> {
  if (r === undefined) return DEFAULT_READOUT;
  if (!(Number.isInteger(r?.delay) && r.delay >= 0))
    throw new GraphError(`readout.delay must be a whole number of steps >= 0, got ${JSON.stringify(r?.delay)}`);
  return r.delay === 0 ? DEFAULT_READOUT : Object.freeze({ delay: r.delay });
}

/**
 * A validated, shape-inferred DAG of layers. Graphs are immutable values: passes build new ones with
 * {@link Graph.with} (new graphs share the param tensors of the old: they are not copied).
 * Build one with {@link GraphBuilder}. Shapes exclude the batch axis and are NHWC for images.
 */
export class Graph {
  readonly inputs: ReadonlyArray<Readonly<GraphInput>>;
  readonly outputs: readonly string[];
  /** Topologically ordered: every node follows the nodes it reads. */
  readonly nodes: ReadonlyArray<GraphNode>;
  /** How simulators read the outputs (see {@link GraphReadout}); saved with the graph. */
  readonly readout: Readonly<GraphReadout>;
  private readonly byName = new Map<string, GraphNode>();
  private readonly shapes = new Map<string, readonly number[]>();
  private readonly readers = new Map<string, GraphNode[]>();

  /** Use {@link GraphBuilder} or {@link Graph.fromSpecs}; this constructor trusts its arguments. */
  private constructor(inputs: GraphInput[], nodes: GraphNode[], outputs: string[], readout: Readonly<GraphReadout>) {
    this.readout = readout;
    this.inputs = Object.freeze(inputs.map((i) => Object.freeze({ name: i.name, shape: [...i.shape] })));
    this.nodes = Object.freeze(nodes);
    this.outputs = Object.freeze([...outputs]);
    for (const i of this.inputs) this.shapes.set(i.name, i.shape);
    for (const n of nodes) {
      this.byName.set(n.name, n);
      this.shapes.set(n.name, n.shape);
      for (const i of n.inputs) {
        const list = this.readers.get(i) ?? [];
        if (!list.includes(n)) list.push(n);
        this.readers.set(i, list);
      }
    }
  }

  /**
   * Validates node specs, sorts them topologically and infers every shape. Throws a
   * {@link GraphError} naming the node, its op and the shapes when something does not fit.
   * `readout` defaults to {@link DEFAULT_READOUT}.
   */
  static fromSpecs(inputs: readonly GraphInput[], specs: readonly NodeSpec[], outputs: readonly string[], readout?: GraphReadout): Graph {
    const read = checkReadout(readout);
    checkInputs(inputs);
    const taken = new Set(inputs.map((i) => i.name));
    for (const s of specs) {
      checkSpec(s, taken);
      taken.add(s.name);
    }
    const ordered = topoSort(specs, new Set(inputs.map((i) => i.name)));
    const shapes = new Map<string, readonly number[]>(inputs.map((i) => [i.name, i.shape]));
    const nodes: GraphNode[] = [];
    for (const s of ordered) {
      const n = resolveNode(s, shapes);
      shapes.set(n.name, n.shape);
      nodes.push(n);
    }
    if (!Array.isArray(outputs) || outputs.length === 0) throw new GraphError('a graph needs at least one output (GraphBuilder.output(...names))');
    for (const o of outputs) if (!shapes.has(o)) throw new GraphError(`output '${o}' is neither a node nor a graph input`, { node: o });
    return new Graph([...inputs], nodes, [...outputs], read);
  }

  /** The node called `name`; throws if there is none. */
  node(name: string): GraphNode {
    const n = this.byName.get(name);
    if (!n) throw new GraphError(`no node named '${name}' (nodes: ${this.nodes.map((x) => x.name).join(', ')})`, { node: name });
    return n;
  }

  /** True when a node (not a graph input) is called `name`. */
  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The nodes that read `name` (a node or a graph input), in topological order. */
  consumers(name: string): GraphNode[] {
    return [...(this.readers.get(name) ?? [])];
  }

  /** The shape of a node's output or a graph input, without the batch axis. */
  shapeOf(name: string): number[] {
    const s = this.shapes.get(name);
    if (!s) throw new GraphError(`no node or graph input named '${name}'`, { node: name });
    return [...s];
  }

  /** The nodes as specs (attrs completed), ready to edit and rebuild. */
  toSpecs(): NodeSpec[] {
    return this.nodes.map((n) => ({ name: n.name, op: n.op, inputs: [...n.inputs], attrs: { ...n.attrs }, params: { ...n.params } }));
  }

  /** A new graph with `changes` applied and validated again (see {@link GraphChanges}); the readout is kept unless `changes.readout` replaces it. */
  with(changes: GraphChanges): Graph {
    let specs = changes.nodes ? [...changes.nodes] : this.toSpecs();
    let outputs = [...(changes.outputs ?? this.outputs)];
    const rename = (from: string, to: string) => {
      specs = specs.map((s) => (s.inputs.includes(from) ? { ...s, inputs: s.inputs.map((i) => (i === from ? to : i)) } : s));
      outputs = outputs.map((o) => (o === from ? to : o));
    };
    for (const name of changes.remove ?? []) {
      const s = specs.find((x) => x.name === name);
      if (!s) throw new GraphError(`cannot remove '${name}': no such node`, { node: name });
      if (s.inputs.length === 0)
        throw new GraphError(`cannot remove ${fmtNode(name, s.op)}: it has no input to rewire its readers to`, { node: name, op: s.op });
      specs = specs.filter((x) => x !== s);
      rename(name, s.inputs[0]);
    }
    for (const [name, patch] of Object.entries(changes.update ?? {})) {
      const i = specs.findIndex((x) => x.name === name);
      if (i < 0) throw new GraphError(`cannot update '${name}': no such node`, { node: name });
      specs[i] = { ...specs[i], ...patch, name };
    }
    for (const { after, spec } of changes.insertAfter ?? []) {
      rename(after, spec.name);
      specs.push({ ...spec, inputs: spec.inputs ?? [after] });
    }
    specs.push(...(changes.add ?? []));
    const inputs = changes.inputs ?? this.inputs.map((i) => ({ name: i.name, shape: [...i.shape] }));
    return Graph.fromSpecs(inputs, specs, outputs, changes.readout ?? this.readout);
  }

  /** Disposes every param tensor. Graphs made by `with()` share tensors: dispose only the last one used. */
  dispose(): void {
    for (const n of this.nodes) for (const t of Object.values(n.params)) t.dispose();
  }
}
