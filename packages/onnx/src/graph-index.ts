import type { OnnxGraph, OnnxNode } from './proto/types.js';

/** Who produces and who reads each ONNX value of a graph, and which values are graph outputs. */
export class GraphIndex {
  private readonly consumerMap = new Map<string, OnnxNode[]>();
  private readonly producerMap = new Map<string, OnnxNode>();
  private readonly outputs: Set<string>;

  constructor(graph: OnnxGraph) {
    for (const n of graph.nodes) {
      for (const o of n.outputs) if (o) this.producerMap.set(o, n);
      for (const i of n.inputs) {
        if (!i) continue;
        const list = this.consumerMap.get(i) ?? [];
        list.push(n);
        this.consumerMap.set(i, list);
      }
    }
    this.outputs = new Set(graph.outputs.map((o) => o.name));
  }

  /** The nodes that read an ONNX value. */
  consumers(name: string): OnnxNode[] {
    return this.consumerMap.get(name) ?? [];
  }

  /** The node that produces an ONNX value (undefined for graph inputs and initializers). */
  producer(name: string): OnnxNode | undefined {
    return this.producerMap.get(name);
  }

  isGraphOutput(name: string): boolean {
    return this.outputs.has(name);
  }

  /** True when an ONNX value is read by a node or is a graph output. */
  isUsed(name: string): boolean {
    return this.consumers(name).length > 0 || this.outputs.has(name);
  }

  /** True when exactly one node reads the value and it is no graph output (it may be folded into that node). */
  readOnlyBy(name: string, node: OnnxNode): boolean {
    const c = this.consumers(name);
    return c.length === 1 && c[0] === node && !this.outputs.has(name);
  }
}
