import * as tf from '@tensorflow/tfjs-core';
import { Graph } from '../graph.js';
import type { NodeSpec } from '../types.js';
import { BIG_ENDIAN, decodeAttrs, GRAPH_FORMAT, GRAPH_FORMAT_VERSION, type SavedGraph } from './format.js';

/** Reads 4-byte little-endian values from `bytes` into a new typed array. */
function readLE(bytes: Uint8Array, offset: number, count: number, dtype: 'float32' | 'int32'): Float32Array | Int32Array {
  // Uint8Array.prototype.slice copies even when `bytes` is a Node Buffer (whose own slice is a view into a shared pool).
  const copy = Uint8Array.prototype.slice.call(bytes, offset, offset + count * 4);
  if (BIG_ENDIAN) for (let i = 0; i < copy.length; i += 4) copy.subarray(i, i + 4).reverse();
  return dtype === 'float32' ? new Float32Array(copy.buffer) : new Int32Array(copy.buffer);
}

function fail(msg: string): never {
  throw new Error(`loadGraph: ${msg}`);
}

/**
 * Rebuilds a graph saved by {@link saveGraph} from its JSON (a string or the parsed object) and its
 * weights blob, validating the format, the version and every param's place in the blob. Works in
 * Node and the browser (`fetch` both halves, then call this).
 *
 * @example
 * const graph = loadGraph(await (await fetch('model.json')).text(), new Uint8Array(await (await fetch('model.bin')).arrayBuffer()));
 */
export function loadGraph(json: string | SavedGraph, weights: Uint8Array | ArrayBuffer): Graph {
  const saved = (typeof json === 'string' ? JSON.parse(json) : json) as SavedGraph;
  const bytes = weights instanceof Uint8Array ? weights : new Uint8Array(weights);
  if (saved?.format !== GRAPH_FORMAT) fail(`not an snn-graph file (format ${JSON.stringify(saved?.format)})`);
  if (!Number.isInteger(saved.version) || saved.version < 1) fail(`bad version ${JSON.stringify(saved.version)}`);
  if (saved.version > GRAPH_FORMAT_VERSION) fail(`format version ${saved.version} is newer than this reader (${GRAPH_FORMAT_VERSION}); update @snn/graph`);
  if (!Array.isArray(saved.nodes) || !Array.isArray(saved.inputs) || !Array.isArray(saved.outputs)) fail('inputs, outputs and nodes must be arrays');
  const delay = saved.readout?.delay ?? 0;
  if (saved.readout !== undefined && !(Number.isInteger(delay) && delay >= 0))
    fail(`readout.delay must be a whole number of steps >= 0, got ${JSON.stringify(delay)}`);
  const created: tf.Tensor[] = [];
  try {
    const specs: NodeSpec[] = saved.nodes.map((n) => {
      const params: Record<string, tf.Tensor> = {};
      for (const [k, p] of Object.entries(n.params ?? {})) {
        const where = `node '${n.name}' param '${k}'`;
        if (p.dtype !== 'float32' && p.dtype !== 'int32') fail(`${where}: unsupported dtype ${JSON.stringify(p.dtype)}`);
        if (!Array.isArray(p.shape) || !p.shape.every((d) => Number.isInteger(d) && d >= 0)) fail(`${where}: bad shape ${JSON.stringify(p.shape)}`);
        const count = p.shape.reduce((a, b) => a * b, 1);
        if (p.length !== count * 4) fail(`${where}: length ${p.length} bytes does not match shape [${p.shape.join(', ')}] (${count * 4} bytes)`);
        if (!Number.isInteger(p.offset) || p.offset < 0 || p.offset + p.length > bytes.length) {
          fail(`${where}: bytes ${p.offset}..${p.offset + p.length} lie outside the ${bytes.length}-byte weights blob`);
        }
        const t = tf.tensor(readLE(bytes, p.offset, count, p.dtype), p.shape, p.dtype);
        created.push(t);
        params[k] = t;
      }
      return { name: n.name, op: n.op, inputs: n.inputs, attrs: decodeAttrs(n.attrs ?? {}) as Record<string, unknown>, params };
    });
    return Graph.fromSpecs(saved.inputs, specs, saved.outputs, { delay });
  } catch (e) {
    tf.dispose(created);
    throw e;
  }
}
