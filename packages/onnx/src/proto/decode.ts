import protobuf from 'protobufjs/light.js';
import { OnnxImportError } from '../errors.js';
import { toSafeInt, toSafeInts } from './int64.js';
import { onnxSchema } from './schema.js';
import type { OnnxAttribute, OnnxGraph, OnnxModel, OnnxNode, RawTensor, ValueInfo } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: protobufjs messages are dynamic objects
type Msg = any;

let modelType: protobuf.Type | undefined;
const getModelType = (): protobuf.Type => {
  modelType ??= protobuf.Root.fromJSON(onnxSchema).lookupType('onnx.ModelProto');
  return modelType;
};

/**
 * Decodes the bytes of an `.onnx` file (a serialised `ModelProto`) with protobufjs and normalises
 * what the importer needs into plain objects. Any decoder failure — truncated file, garbage, a
 * field of the wrong wire type — becomes an {@link OnnxImportError} with code `decode`.
 *
 * The decoder allocates at most in proportion to the input: every length it reads is checked
 * against the bytes that remain. Tensor data stays a view into `bytes` until a handler needs it.
 */
export function decodeModel(bytes: Uint8Array): OnnxModel {
  if (!(bytes instanceof Uint8Array)) throw new OnnxImportError('decode', `expected the model's bytes as a Uint8Array, got ${typeof bytes}`);
  if (bytes.length === 0) throw new OnnxImportError('decode', 'the model file is empty');
  let m: Msg;
  try {
    m = getModelType().decode(bytes);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new OnnxImportError('decode', `not a readable ONNX model (truncated or not an ONNX file): ${why}`, {}, { cause: e });
  }
  if (!m.graph) throw new OnnxImportError('decode', 'not an ONNX model: it has no graph (truncated or not an ONNX file)');
  return {
    irVersion: toSafeInt(m.irVersion, 'ir_version'),
    opsetImport: (m.opsetImport as Msg[]).map((o) => ({ domain: o.domain, version: toSafeInt(o.version, 'opset version') })),
    producerName: m.producerName,
    producerVersion: m.producerVersion,
    graph: graphFrom(m.graph),
  };
}

function graphFrom(g: Msg): OnnxGraph {
  return {
    name: g.name,
    nodes: (g.node as Msg[]).map(nodeFrom),
    initializers: (g.initializer as Msg[]).map(tensorFrom),
    inputs: (g.input as Msg[]).map(valueInfoFrom),
    outputs: (g.output as Msg[]).map(valueInfoFrom),
  };
}

function nodeFrom(n: Msg, index: number): OnnxNode {
  const attributes = new Map<string, OnnxAttribute>();
  for (const a of n.attribute as Msg[]) {
    attributes.set(a.name, {
      name: a.name,
      type: a.type,
      f: a.f,
      i: toSafeInt(a.i, `attribute ${a.name}`),
      s: a.s,
      t: a.t ? tensorFrom(a.t) : undefined,
      floats: a.floats,
      ints: toSafeInts(a.ints, `attribute ${a.name}`),
      strings: a.strings,
    });
  }
  return {
    name: n.name || `${n.opType || 'node'}#${index}`,
    opType: n.opType,
    domain: n.domain === 'ai.onnx' ? '' : n.domain,
    inputs: n.input,
    outputs: n.output,
    attributes,
    index,
  };
}

/** Keeps the tensor's fields as stored; decodeTensor validates and converts them. */
export function tensorFrom(t: Msg): RawTensor {
  return {
    name: t.name,
    dims: toSafeInts(t.dims, `dims of tensor '${t.name}'`),
    dataType: t.dataType,
    floatData: t.floatData,
    int32Data: t.int32Data,
    int64Data: t.int64Data,
    doubleData: t.doubleData,
    uint64Data: t.uint64Data,
    stringData: t.stringData,
    rawData: t.rawData,
    externalData: (t.externalData as Msg[]).map((e) => ({ key: e.key, value: e.value })),
    dataLocation: t.dataLocation,
  };
}

function valueInfoFrom(v: Msg): ValueInfo {
  const tt = v.type?.tensorType;
  const info: ValueInfo = { name: v.name, elemType: tt?.elemType ?? 0 };
  if (tt?.shape) {
    info.dims = (tt.shape.dim as Msg[]).map((d) => {
      if (d.dimParam) return d.dimParam as string;
      // proto2 gives unset fields their default; a dim with neither value nor name is unknown.
      const n = toSafeInt(d.dimValue, `a dim of '${v.name}'`);
      return n > 0 || Object.hasOwn(d, 'dimValue') ? n : null;
    });
  }
  return info;
}
