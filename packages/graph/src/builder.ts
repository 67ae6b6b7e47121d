import { GraphError } from './errors.js';
import { Graph } from './graph.js';
import type { GraphInput, NodeSpec } from './types.js';

/**
 * Collects graph inputs, nodes and outputs; {@link GraphBuilder.build} validates them, sorts the
 * nodes topologically and infers every shape.
 *
 * @example
 * const b = new GraphBuilder();
 * const x = b.input('x', [28, 28, 1]);
 * const f = b.add({ name: 'flat', op: 'Flatten', inputs: [x] });
 * const y = b.add({ name: 'fc', op: 'Linear', inputs: [f], params: { weight: tf.zeros([784, 10]) } });
 * const graph = b.output(y).build();
 */
export class GraphBuilder {
  private readonly ins: GraphInput[] = [];
  private readonly specs: NodeSpec[] = [];
  private readonly outs: string[] = [];
  private readonly names = new Set<string>();

  /** Declares a graph input; `shape` excludes the batch axis (NHWC for images). Returns the name. */
  input(name: string, shape: number[]): string {
    this.claim(name);
    this.ins.push({ name, shape: [...shape] });
    return name;
  }

  /** Adds a node; returns its name, to be used as another node's input. */
  add(spec: NodeSpec): string {
    this.claim(spec?.name);
    this.specs.push({ ...spec, inputs: [...(spec.inputs ?? [])] });
    return spec.name;
  }

  /** Marks nodes as the graph's outputs, in order. */
  output(...names: string[]): this {
    this.outs.push(...names);
    return this;
  }

  /** Validates and returns the graph; throws a GraphError naming the node, op and shapes at fault. */
  build(): Graph {
    return Graph.fromSpecs(this.ins, this.specs, this.outs);
  }

  private claim(name: string | undefined): void {
    if (typeof name !== 'string' || !name) throw new GraphError(`GraphBuilder: a name must be a non-empty string (got ${JSON.stringify(name)})`);
    if (this.names.has(name)) throw new GraphError(`GraphBuilder: the name '${name}' is already used`, { node: name });
    this.names.add(name);
  }
}
