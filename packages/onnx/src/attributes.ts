import { OnnxImportError } from './errors.js';
import { AttributeType } from './proto/schema.js';
import type { OnnxAttribute, OnnxNode, RawTensor } from './proto/types.js';

const utf8 = new TextDecoder();

/**
 * Typed access to a node's attributes, with the ONNX spec's defaults passed by the handler:
 * `attrs.int('group', 1)`. An attribute of the wrong type, or a required one that is missing
 * (no default given), is an {@link OnnxImportError} naming the node.
 */
export class Attrs {
  constructor(
    private readonly node: OnnxNode,
    private readonly opset: number,
  ) {}

  has(name: string): boolean {
    return this.node.attributes.has(name);
  }

  /** Names of attributes not in `known` (handlers refuse what they would otherwise silently ignore). */
  unknown(known: readonly string[]): string[] {
    return [...this.node.attributes.keys()].filter((k) => !known.includes(k));
  }

  int(name: string, def?: number): number {
    const a = this.get(name, AttributeType.INT, def);
    return a ? a.i : (def as number);
  }

  ints(name: string, def?: number[]): number[] {
    const a = this.get(name, AttributeType.INTS, def);
    return a ? a.ints : (def as number[]);
  }

  float(name: string, def?: number): number {
    const a = this.get(name, AttributeType.FLOAT, def);
    return a ? a.f : (def as number);
  }

  floats(name: string, def?: number[]): number[] {
    const a = this.get(name, AttributeType.FLOATS, def);
    return a ? Array.from(a.floats) : (def as number[]);
  }

  string(name: string, def?: string): string {
    const a = this.get(name, AttributeType.STRING, def);
    return a ? utf8.decode(a.s) : (def as string);
  }

  tensor(name: string): RawTensor | undefined {
    const a = this.get(name, AttributeType.TENSOR, null);
    return a?.t;
  }

  private get(name: string, type: number, def: unknown): OnnxAttribute | undefined {
    const a = this.node.attributes.get(name);
    const where = { node: this.node.name, opType: this.node.opType, opset: this.opset };
    if (!a) {
      if (def === undefined) throw new OnnxImportError('graph', `required attribute '${name}' is missing`, where);
      return undefined;
    }
    // IR < 0.0.2 files may leave `type` unset; trust the field then.
    if (a.type !== type && a.type !== AttributeType.UNDEFINED)
      throw new OnnxImportError('unsupported-attr', `attribute '${name}' has type ${typeName(a.type)}, expected ${typeName(type)}`, where);
    return a;
  }
}

const typeName = (t: number): string => Object.entries(AttributeType).find(([, v]) => v === t)?.[0] ?? `unknown (${t})`;
