import type { Tensor } from '@tensorflow/tfjs-core';
import type { Graph } from '../graph.js';
import { BIG_ENDIAN, encodeAttrs, GRAPH_FORMAT, GRAPH_FORMAT_VERSION, type SavedGraph, type SavedNode } from './format.js';

type Values = Float32Array | Int32Array;

/** Copies 4-byte values into `out` at `offset` as little-endian bytes. */
function writeLE(out: Uint8Array, offset: number, values: Values): void {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  if (!BIG_ENDIAN) {
    out.set(bytes, offset);
    return;
  }
  for (let i = 0; i < bytes.length; i += 4) for (let k = 0; k < 4; k++) out[offset + i + k] = bytes[i + 3 - k];
}

/** The saved JSON's nodes (each param's place in the blob) and the blob's size in bytes; refuses dtypes the format cannot hold. */
function layout(graph: Graph): { nodes: SavedNode[]; size: number } {
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
  return { nodes, size };
}

/** The JSON and the blob of `graph` laid out as `layout` says, each param's values being what `read` returns for it. */
function assemble(graph: Graph, { nodes, size }: ReturnType<typeof layout>, read: (t: Tensor) => Values): { json: string; weights: Uint8Array } {
  const weights = new Uint8Array(size);
  graph.nodes.forEach((n, i) => {
    for (const [k, t] of Object.entries(n.params)) writeLE(weights, nodes[i].params[k].offset, read(t));
  });
  const delay = graph.readout?.delay ?? 0; // duck-typed graphs (tests, plain objects) have no readout
  const saved: SavedGraph = {
    format: GRAPH_FORMAT,
    version: delay ? GRAPH_FORMAT_VERSION : 1,
    inputs: graph.inputs.map((i) => ({ name: i.name, shape: [...i.shape] })),
    outputs: [...graph.outputs],
    nodes,
    ...(delay ? { readout: { delay } } : {}),
  };
  return { json: JSON.stringify(saved), weights };
}

/**
 * Serialises a graph as JSON topology plus one binary blob of little-endian values (see
 * {@link SavedGraph}); every param's bytes are copied as they are, so a round trip through
 * {@link loadGraph} is bit-exact. Reads the params synchronously (`dataSync`), which the CPU and
 * wasm backends allow; on WebGPU in Node use {@link saveGraphAsync}.
 *
 * @example
 * const { json, weights } = saveGraph(graph); // string, Uint8Array
 */
export function saveGraph(graph: Graph): { json: string; weights: Uint8Array } {
  return assemble(graph, layout(graph), (t) => t.dataSync() as Values);
}

/**
 * {@link saveGraph} with asynchronous reads (`await tensor.data()`, all params at once), for backends
 * that refuse synchronous reads (WebGPU in Node); the same JSON and the same bytes as `saveGraph`.
 *
 * @example
 * const { json, weights } = await saveGraphAsync(graph); // string, Uint8Array
 */
export async function saveGraphAsync(graph: Graph): Promise<{ json: string; weights: Uint8Array }> {
  const places = layout(graph); // refuses a dtype before any read
  const tensors = graph.nodes.flatMap((n) => Object.values(n.params));
  const read = await Promise.all(tensors.map((t) => t.data() as Promise<Values>));
  const values = new Map<Tensor, Values>(tensors.map((t, i) => [t, read[i]]));
  return assemble(graph, places, (t) => values.get(t) as Values);
}
