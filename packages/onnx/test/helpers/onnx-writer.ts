// Writes small ONNX models for tests, with protobufjs and the importer's own schema descriptor.
import protobuf from 'protobufjs/light.js';
import { AttributeType, DataType } from '../../src/proto/schema.js';
import { onnxSchema } from '../../src/proto/schema.js';

const root = protobuf.Root.fromJSON(onnxSchema);
const Model = root.lookupType('onnx.ModelProto');

type Obj = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: tests edit decoded protobuf objects blindly
export type Loose = any;

/** A FLOAT tensor in little-endian raw_data (what PyTorch writes). */
export function floatTensor(name: string, dims: number[], data: ArrayLike<number>): Obj {
  const f = Float32Array.from(data);
  return { name, dims, dataType: DataType.FLOAT, rawData: new Uint8Array(f.buffer) };
}

/** An INT64 tensor in int64_data. */
export function int64Tensor(name: string, dims: number[], data: number[]): Obj {
  return { name, dims, dataType: DataType.INT64, int64Data: data };
}

export const attr = {
  i: (name: string, i: number): Obj => ({ name, type: AttributeType.INT, i }),
  f: (name: string, f: number): Obj => ({ name, type: AttributeType.FLOAT, f }),
  ints: (name: string, ints: number[]): Obj => ({ name, type: AttributeType.INTS, ints }),
  floats: (name: string, floats: number[]): Obj => ({ name, type: AttributeType.FLOATS, floats }),
  s: (name: string, s: string): Obj => ({ name, type: AttributeType.STRING, s: new TextEncoder().encode(s) }),
  t: (name: string, t: Obj): Obj => ({ name, type: AttributeType.TENSOR, t }),
};

export function node(opType: string, inputs: string[], outputs: string[], attributes: Obj[] = [], name = ''): Obj {
  return { opType, input: inputs, output: outputs, attribute: attributes, name: name || `${opType}_${outputs[0]}` };
}

/** A float32 value info with a symbolic batch dim first. */
export function valueInfo(name: string, dims: Array<number | string>, elemType: number = DataType.FLOAT): Obj {
  return {
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } } },
  };
}

export interface ModelSpec {
  nodes: Obj[];
  initializers?: Obj[];
  inputs: Obj[];
  outputs: Obj[];
  opset?: number;
  irVersion?: number;
  opsetImport?: Obj[];
}

/** Encodes a ModelProto. */
export function writeModel(spec: ModelSpec): Uint8Array {
  const msg = Model.fromObject({
    irVersion: spec.irVersion ?? 7,
    producerName: 'snn-ts test',
    opsetImport: spec.opsetImport ?? [{ domain: '', version: spec.opset ?? 13 }],
    graph: { name: 'g', node: spec.nodes, initializer: spec.initializers ?? [], input: spec.inputs, output: spec.outputs },
  });
  return Model.encode(msg).finish();
}

/** Decodes a model into a plain object (longs as numbers) to edit and re-encode with {@link encodeModelObject}. */
export function modelObject(bytes: Uint8Array): Record<string, Loose> {
  return Model.toObject(Model.decode(bytes), { longs: Number, arrays: true, defaults: false });
}

export function encodeModelObject(obj: Record<string, unknown>): Uint8Array {
  return Model.encode(Model.fromObject(obj)).finish();
}
