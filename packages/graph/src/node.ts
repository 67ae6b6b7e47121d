// Node entry: everything in the browser entry, plus file helpers for saved graphs.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Graph } from './graph.js';
import { loadGraph } from './io/load.js';
import { saveGraph } from './io/save.js';

export * from './index.js';

/** File names {@link writeGraph} uses inside its folder. */
export const GRAPH_FILES = { json: 'graph.json', weights: 'weights.bin' } as const;

/**
 * Node only: saves a graph into `dir` (created if missing) as `graph.json` + `weights.bin`.
 *
 * @example
 * await writeGraph(graph, 'out/model');
 */
export async function writeGraph(graph: Graph, dir: string): Promise<{ json: string; weights: string }> {
  const { json, weights } = saveGraph(graph);
  await mkdir(dir, { recursive: true });
  const paths = { json: join(dir, GRAPH_FILES.json), weights: join(dir, GRAPH_FILES.weights) };
  await writeFile(paths.json, json);
  await writeFile(paths.weights, weights);
  return paths;
}

/**
 * Node only: loads a graph saved by {@link writeGraph} from `dir`.
 *
 * @example
 * const graph = await readGraph('out/model');
 */
export async function readGraph(dir: string): Promise<Graph> {
  const [json, weights] = await Promise.all([readFile(join(dir, GRAPH_FILES.json), 'utf8'), readFile(join(dir, GRAPH_FILES.weights))]);
  return loadGraph(json, new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength));
}
