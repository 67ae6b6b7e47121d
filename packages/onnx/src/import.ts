import type { Graph } from '@snn/graph';
import { buildGraph } from './build.js';
import { OnnxImportError } from './errors.js';
import { type ImportOptions, planImport } from './plan.js';

/**
 * Imports an ONNX model (the bytes of an `.onnx` file, e.g. from `torch.onnx.export`) as an
 * `@snn/graph` Graph: NHWC activations, HWIO conv weights, `[in, out]` Linear weights. Graph inputs
 * keep their ONNX names with shapes `[H, W, C]` or `[F]` (no batch); outputs are the nodes that
 * produce the ONNX outputs. Every failure is an {@link OnnxImportError}, thrown before any tfjs
 * tensor exists (or after disposing them). In Node, `@snn/onnx` also accepts a file path.
 *
 * @example
 * const graph = importOnnx(new Uint8Array(await (await fetch('model.onnx')).arrayBuffer()));
 * const { outputs: [logits] } = execute(graph, tf.tensor4d(pixels, [1, 28, 28, 1]));
 */
export function importOnnx(bytes: Uint8Array, options: ImportOptions = {}): Graph {
  if (!(bytes instanceof Uint8Array))
    throw new OnnxImportError('io', `importOnnx expects the model's bytes as a Uint8Array here (a path works only in Node), got ${describe(bytes)}`);
  return buildGraph(planImport(bytes, options));
}

const describe = (v: unknown): string => (v === null ? 'null' : typeof v === 'object' ? (v.constructor?.name ?? 'object') : typeof v);
