/** A decoded ONNX model, reduced to what the importer reads; int64 fields are safe JS numbers. */
export interface OnnxModel {
  irVersion: number;
  opsetImport: Array<{ domain: string; version: number }>;
  producerName: string;
  producerVersion: string;
  graph: OnnxGraph;
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: RawTensor[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
}

/** One decoded NodeProto: op, inputs, outputs and attributes by name. */
export interface OnnxNode {
  /** The node's own name, or `op_type#index` when the exporter left it empty. */
  name: string;
  opType: string;
  /** '' for the default ONNX domain. */
  domain: string;
  /** Value names; '' marks an omitted optional input. */
  inputs: string[];
  outputs: string[];
  attributes: Map<string, OnnxAttribute>;
  /** Position in the graph's node list. */
  index: number;
}

export interface OnnxAttribute {
  name: string;
  /** AttributeProto.AttributeType. */
  type: number;
  f: number;
  i: number;
  s: Uint8Array;
  t?: RawTensor;
  floats: number[];
  ints: number[];
  strings: Uint8Array[];
}

/** A TensorProto as stored: data not yet checked or converted (see decodeTensor). */
export interface RawTensor {
  name: string;
  dims: number[];
  dataType: number;
  floatData: ArrayLike<number>;
  int32Data: ArrayLike<number>;
  int64Data: unknown[];
  doubleData: ArrayLike<number>;
  uint64Data: unknown[];
  stringData: Uint8Array[];
  rawData: Uint8Array;
  externalData: Array<{ key: string; value: string }>;
  dataLocation: number;
}

/** A graph input or output: element type and shape, dims as numbers or symbolic names. */
export interface ValueInfo {
  name: string;
  elemType: number;
  /** Undefined when the shape is not declared; a string for a symbolic dim, null for an unknown one. */
  dims?: Array<number | string | null>;
}
