import { Attrs } from './attributes.js';
import type { OnnxErrorCode, OnnxErrorWhere, OnnxImportError } from './errors.js';
import { GraphIndex } from './graph-index.js';
import { inOnnxOrder } from './layout.js';
import { nodeError } from './node-error.js';
import type { OnnxGraph, OnnxNode, RawTensor } from './proto/types.js';
import type { TensorDecodeOptions } from './tensor/decode-tensor.js';
import type { HostTensor } from './tensor/host-tensor.js';
import { ValueStore } from './value-store.js';
import type { HostNodeSpec, TensorValue, Value } from './values.js';

export type { ConstantValue, HostNodeSpec, PaddedValue, TensorValue, Value } from './values.js';

/**
 * What handlers see while a model is imported: the values defined so far (by ONNX name, see
 * `ValueStore`), who reads them (`GraphIndex`), the node specs emitted, and error
 * helpers that name the node, op and opset.
 */
export class ImportContext {
  readonly specs: HostNodeSpec[] = [];
  readonly index: GraphIndex;
  private readonly store: ValueStore;
  private readonly names = new Set<string>();

  constructor(
    graph: OnnxGraph,
    readonly opset: number,
    readonly tensorOptions: TensorDecodeOptions,
  ) {
    this.store = new ValueStore(graph.initializers, tensorOptions);
    this.index = new GraphIndex(graph);
  }

  /** The node's attributes, read with the ONNX spec's defaults for this opset. */
  attrs(node: OnnxNode): Attrs {
    return new Attrs(node, this.opset);
  }

  /** An error that names the node, its op and the opset. */
  fail(node: OnnxNode, code: OnnxErrorCode, message: string, where: OnnxErrorWhere = {}): OnnxImportError {
    return nodeError(node, this.opset, code, message, where);
  }

  /** Reserves a graph name (node or input) that no other node or input uses. */
  reserveName(wanted: string): string {
    let name = wanted;
    for (let k = 1; this.names.has(name); k++) name = `${wanted}_${k}`;
    this.names.add(name);
    return name;
  }

  /** Adds a graph node for `node` (named after it) and returns the node's graph name. */
  emit(node: OnnxNode, spec: Omit<HostNodeSpec, 'name'> & { name?: string }): string {
    return this.reserveAndPush(spec, spec.name ?? node.name);
  }

  /** Adds a node spec that belongs to no ONNX node (e.g. an Identity for a pass-through output). */
  reserveAndPush(spec: Omit<HostNodeSpec, 'name'>, wanted: string): string {
    const name = this.reserveName(wanted);
    this.specs.push({ ...spec, name });
    return name;
  }

  /** The emitted spec that produces `ref`, if a node (not a graph input) does. */
  specOf(ref: string): HostNodeSpec | undefined {
    return this.specs.find((s) => s.name === ref);
  }

  /** True when an ONNX value is defined (by a node or a graph input) or is an initializer. */
  isDefined(name: string): boolean {
    return this.store.has(name);
  }

  /** The value of an ONNX name, decoding an initializer if need be; undefined when unknown. */
  peek(name: string): Value | undefined {
    return this.store.get(name);
  }

  /** Records the value an ONNX name now holds (each output a handler produces). */
  define(name: string, value: Value): void {
    this.store.set(name, value);
  }

  /** The nodes that read an ONNX value. */
  consumers(name: string): OnnxNode[] {
    return this.index.consumers(name);
  }

  /** The node that produces an ONNX value (undefined for graph inputs and initializers). */
  producer(name: string): OnnxNode | undefined {
    return this.index.producer(name);
  }

  /** True when an ONNX value is read by a node or is a graph output. */
  isUsed(name: string): boolean {
    return this.index.isUsed(name);
  }

  /** True when an ONNX value is one of the graph's outputs. */
  isGraphOutput(name: string): boolean {
    return this.index.isGraphOutput(name);
  }

  /** True when input `i` is omitted (absent or named ''). */
  omitted(node: OnnxNode, i: number): boolean {
    return !node.inputs[i];
  }

  /** The value of input `i`; an initializer is decoded on first use. */
  value(node: OnnxNode, i: number): Value {
    const name = node.inputs[i];
    if (!name) throw this.fail(node, 'graph', `input ${i} is required but missing`);
    const v = this.store.get(name);
    if (!v) throw this.fail(node, 'graph', `input '${name}' is produced by no earlier node, graph input or initializer`);
    return v;
  }

  /** Decodes a TensorProto with the import's limits, naming the tensor in errors. */
  decode(t: RawTensor): HostTensor {
    return this.store.decode(t);
  }

  /**
   * Input `i` as a runtime tensor. A pending zero-size Pad passes through; a real one cannot be
   * folded here and is refused. A flattened-in-HWC vector is reordered to ONNX's order (once per
   * value) unless `allowHwc` says the handler permutes its own weights instead.
   */
  tensor(node: OnnxNode, i: number, opts: { allowHwc?: boolean } = {}): TensorValue {
    const v = this.value(node, i);
    if (v.kind === 'constant')
      throw this.fail(node, 'unsupported-op', `input '${node.inputs[i]}' is a constant; ${node.opType} needs it computed from the graph input`, {
        tensor: node.inputs[i],
      });
    if (v.kind === 'padded') {
      if (v.pads.some((p) => p !== 0))
        throw this.fail(node, 'unsupported-op', `the Pad node ${v.padNode} before it can only be folded into a Conv, AveragePool or MaxPool`);
      return v.source;
    }
    if (v.hwcOf && !opts.allowHwc) {
      const ordered = inOnnxOrder(this, `${node.inputs[i]}/order`, v);
      this.define(node.inputs[i], ordered);
      return ordered;
    }
    return v;
  }

  /** Input `i` as an import-time constant, or undefined when it is omitted. */
  constant(node: OnnxNode, i: number): HostTensor | undefined {
    if (this.omitted(node, i)) return undefined;
    const v = this.value(node, i);
    if (v.kind !== 'constant')
      throw this.fail(node, 'unsupported-op', `input ${i} ('${node.inputs[i]}') must be a constant (an initializer or Constant output)`, {
        tensor: node.inputs[i],
      });
    return v.tensor;
  }

  /** Refuses element counts above the tensor limit (for shapes the handlers compute). */
  checkSize(node: OnnxNode, shape: number[]): void {
    const n = shape.reduce((a, b) => a * b, 1);
    if (!shape.every((d) => Number.isInteger(d) && d > 0) || n > this.tensorOptions.maxElements)
      throw this.fail(
        node,
        'graph',
        `its output shape [${shape.join(', ')}] (without batch) is empty, invalid or above the limit of ${this.tensorOptions.maxElements} elements`,
      );
  }
}
