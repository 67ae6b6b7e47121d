import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Dataset, loadDataset, type Split, batches, spikingJellyOrder } from '@snn/datasets';
import { parseMode, type Recipe } from '@snn/converter';
import { execute, GRAPH_FILES, type Graph, readGraph } from '@snn/graph';
import { importOnnx } from '@snn/onnx';
import * as tf from '@tensorflow/tfjs-core';
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

/** Is this graph already spiking (saved by `snn convert --output`)? */
export const isSpiking = (g: Graph): boolean => g.nodes.some((n) => n.op === 'IF' || n.op === 'LIF');

/** `--data mnist` (the embedded split), `fashion-mnist`, or a directory of IDX files with MNIST's names. */
export async function loadData(spec: string | undefined): Promise<Dataset> {
  if (!spec) throw new UserError('--data is required: mnist (the embedded MNIST), fashion-mnist, or a directory of IDX files');
  if (spec !== 'mnist' && spec !== 'fashion-mnist' && !existsSync(spec))
    throw new UserError(`--data ${spec}: no such directory (use mnist, fashion-mnist, or a directory of IDX files)`);
  try {
    return await loadDataset(spec);
  } catch (e) {
    throw new UserError(`--data ${spec}: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
}

/** Checks that the data fits the model's input, naming both shapes. */
export function checkDataFits(graph: Graph, split: Split, what: string): void {
  const want = graph.inputs[0].shape;
  if (want.join(',') !== split.shape.join(','))
    throw new UserError(`${what}: the model expects inputs [${want.join(', ')}] (NHWC) but the data has [${split.shape.join(', ')}]`);
}

/**
 * Calibration batches over the training split in SpikingJelly's order perm[i] = (i·7919) mod n
 * (ANCHORS.md), 100 per batch, the first `limit` of that order; each batch is disposed once the consumer moves on.
 */
export function calibrationBatches(train: Split, limit?: number, batchSize = 100): () => Generator<tf.Tensor> {
  return function* () {
    for (const b of batches(train, { batchSize, order: spikingJellyOrder(train.n), limit })) {
      b.y.dispose();
      try {
        yield b.x;
      } finally {
        b.x.dispose();
      }
    }
  };
}

/** The first `limit` samples of a split (a view: no copy). */
export function limitSplit(split: Split, limit?: number): Split {
  if (limit === undefined || limit >= split.n) return split;
  const per = split.shape[0] * split.shape[1] * split.shape[2];
  return { ...split, n: limit, images: split.images.subarray(0, limit * per), labels: split.labels.subarray(0, limit) };
}

/** Labelled test batches (the first `limit` images), disposed after use. */
export function* testBatches(test: Split, batchSize: number, limit?: number): Generator<{ x: tf.Tensor; y: Uint8Array }> {
  for (const b of batches(test, { batchSize, limit })) {
    b.y.dispose();
    try {
      yield { x: b.x, y: Uint8Array.from(b.indices, (i) => test.labels[i]) };
    } finally {
      b.x.dispose();
    }
  }
}

/** ANN accuracy over the test batches: argmax of the graph output against the labels. */
export async function annAccuracy(graph: Graph, test: Split, batchSize: number, limit?: number): Promise<number> {
  let correct = 0;
  let n = 0;
  for (const { x, y } of testBatches(test, batchSize, limit)) {
    const pred = tf.tidy(() => tf.argMax(tf.reshape(execute(graph, x).outputs[0], [x.shape[0], -1]), 1));
    const p = await pred.data(); // awaited: WebGPU's synchronous read is broken
    pred.dispose();
    for (let i = 0; i < y.length; i++) if (p[i] === y[i]) correct++;
    n += y.length;
  }
  return correct / n;
}

/** Parses `--T 8,16,32` into sorted distinct positive integers. */
export function parseTimeSteps(text: string | undefined, fallback: number[]): number[] {
  if (text === undefined) return fallback;
  const ts = text.split(',').map((s) => Number(s.trim()));
  const bad = ts.find((t) => !(Number.isInteger(t) && t > 0 && t <= 100_000));
  if (bad !== undefined || ts.length === 0) throw new UserError(`--T ${text}: expected comma-separated positive integers such as 8,16,32`);
  return [...new Set(ts)].sort((a, b) => a - b);
}

/** Parses a positive integer option, naming it on error. */
export function positiveInt(name: string, text: string | undefined, fallback?: number): number | undefined {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!(Number.isInteger(v) && v > 0)) throw new UserError(`--${name} ${text}: expected a positive integer`);
  return v;
}

/** Parses a `--mode` value into a recipe; a bad one is a user error naming it. */
export function modeOption(text: string): Recipe {
  try {
    return parseMode(text);
  } catch (e) {
    throw new UserError(`--mode ${(e as Error).message}`);
  }
}
