import type { Graph } from '../graph.js';
import { BIG_ENDIAN, encodeAttrs, GRAPH_FORMAT, GRAPH_FORMAT_VERSION, type SavedGraph, type SavedNode } from './format.js';

/** Copies 4-byte values into `out` at `offset` as little-endian bytes. */
function writeLE(out: Uint8Array, offset: number, values: Float32Array | Int32Array): void {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  if (!BIG_ENDIAN) {
    out.set(bytes, offset);
    return;
  }
  for (let i = 0; i < bytes.length; i += 4) for (let k = 0; k < 4; k++) out[offset + i + k] = bytes[i + 3 - k];
}

/**
 * Serialises a graph as JSON topology plus one binary blob of little-endian values (see
 * {@link SavedGraph}); every param's bytes are copied as they are, so a round trip through
 * {@link loadGraph} is bit-exact. Works the same in Node and the browser.
 *
 * @example
 * const { json, weights } = saveGraph(graph); // string, Uint8Array
 */
export function saveGraph(graph: Graph): { json: string; weights: Uint8Array } {
  let size = 0;
  const nodes: SavedNode[] = graph.nodes.map((n) => {
    const params: SavedNode['params'] = {};
    for (const [k, t] of Object.entries(n.params)) {
      if (t.dtype !== 'float32' && t.dtype !== 'int32')
        throw new Error(`saveGraph: node '${n.name}' param '${k}' has dtype ${t.dtype}; only float32 and int32 can be saved`);
      params[k] = { shape: [...t.shape], dtype: t.dtype, offset: size, length: t.size * 4 };
      size += t.size * 4;
    }
    return { name: n.name, op: n.op, inputs: [...n.inputs], attrs: encodeAttrs(n.attrs) as Record<string, unknown>, params };
  });
  const weights = new Uint8Array(size);
  graph.nodes.forEach((n, i) => {
    for (const [k, t] of Object.entries(n.params)) writeLE(weights, nodes[i].params[k].offset, t.dataSync() as Float32Array | Int32Array);
  });
  const saved: SavedGraph = {
    format: GRAPH_FORMAT,
    version: GRAPH_FORMAT_VERSION,
    inputs: graph.inputs.map((i) => ({ name: i.name, shape: [...i.shape] })),
    outputs: [...graph.outputs],
    nodes,
  };
  return { json: JSON.stringify(saved), weights };
}
