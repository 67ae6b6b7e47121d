import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GRAPH_FILES, type Graph, getLayer, readGraph } from '@snn/graph';
import { importOnnx } from '@snn/onnx';
import { UserError } from './errors.js';

/**
 * Loads a model as the user named it: an `.onnx` file (an ANN), or a folder saved by `snn convert
 * --output` / `writeGraph` (`graph.json` + `weights.bin`; an ANN or an already converted SNN).
 */
export async function loadModel(path: string): Promise<Graph> {
  if (!existsSync(path)) throw new UserError(`${path}: no such file`);
  if (statSync(path).isDirectory()) {
    if (!existsSync(join(path, GRAPH_FILES.json))) throw new UserError(`${path}: a saved model folder needs ${GRAPH_FILES.json} and ${GRAPH_FILES.weights}`);
    try {
      return await readGraph(path);
    } catch (e) {
      throw new UserError(`${path}: ${(e as Error).message.split('\n')[0]}`, { cause: e });
    }
  }
  if (path.endsWith('.onnx')) return importOnnx(path);
  throw new UserError(`${path}: expected an .onnx file or a saved model folder`);
}

/**
 * Is this graph already spiking (saved by `snn convert --output`)? True when any node's layer keeps
 * state between steps (`LayerDef.stateful`: IF, LIF, any neuron model registered with @snn/neuron,
 * a spiking max-pool), so a new neuron model needs no change here.
 */
export const isSpiking = (g: Graph): boolean => g.nodes.some((n) => getLayer(n.op).stateful === true);
