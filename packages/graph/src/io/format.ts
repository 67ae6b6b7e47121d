/** The `format` field of every saved graph. */
export const GRAPH_FORMAT = 'snn-graph';
/**
 * The newest format version this package writes; it reads this version and older. Version 2 adds
 * `readout`; a graph with the default readout is still written as version 1 (the same bytes as
 * before), so only files that need the field are refused by older readers.
 */
export const GRAPH_FORMAT_VERSION = 2;

/** Where one param lives in the weights blob: byte offset and byte length, little-endian. */
export interface SavedParam {
  shape: number[];
  dtype: 'float32' | 'int32';
  offset: number;
  length: number;
}

/** One node in the saved JSON. */
export interface SavedNode {
  name: string;
  op: string;
  inputs: string[];
  attrs: Record<string, unknown>;
  params: Record<string, SavedParam>;
}

/**
 * The JSON half of a saved graph (the other half is one binary blob of little-endian values):
 *
 * ```json
 * { "format": "snn-graph", "version": 1, "inputs": [{ "name": "x", "shape": [28, 28, 1] }],
 *   "outputs": ["relu4"],
 *   "nodes": [{ "name": "conv1", "op": "Conv2d", "inputs": ["x"], "attrs": { ... },
 *               "params": { "weight": { "shape": [3, 3, 1, 32], "dtype": "float32", "offset": 0, "length": 1152 } } }] }
 * ```
 *
 * A graph with a delayed readout adds `"readout": { "delay": k }` and is written as version 2.
 * Shapes are NHWC without the batch; `offset` and `length` count bytes. Attribute numbers that JSON
 * cannot hold (±Infinity, NaN, −0) are written as `{ "$number": "Infinity" }` and so on.
 */
export interface SavedGraph {
  format: typeof GRAPH_FORMAT;
  version: number;
  inputs: Array<{ name: string; shape: number[] }>;
  outputs: string[];
  nodes: SavedNode[];
  /** The graph's readout (version 2; absent: outputs summed from step 1). */
  readout?: { delay: number };
}

const SPECIAL = '$number';

/** JSON replacer/reviver pair that keeps ±Infinity, NaN and −0 in attributes. */
export function encodeAttrs(value: unknown): unknown {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { [SPECIAL]: 'NaN' };
    if (value === Number.POSITIVE_INFINITY) return { [SPECIAL]: 'Infinity' };
    if (value === Number.NEGATIVE_INFINITY) return { [SPECIAL]: '-Infinity' };
    if (Object.is(value, -0)) return { [SPECIAL]: '-0' };
    return value;
  }
  if (Array.isArray(value)) return value.map(encodeAttrs);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeAttrs(v)]));
  return value;
}

/** Inverse of {@link encodeAttrs}. */
export function decodeAttrs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeAttrs);
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === SPECIAL) return Number((value as Record<string, string>)[SPECIAL]);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeAttrs(v)]));
  }
  return value;
}

/** True on big-endian hosts (typed arrays then need byte swapping to stay little-endian on disk). */
export const BIG_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 0;
