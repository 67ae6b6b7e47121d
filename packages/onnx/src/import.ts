import type { Graph } from '@snn/graph';
import { buildGraph } from './build.js';
import { OnnxImportError } from './errors.js';
import { type ImportOptions, planImport } from './plan.js';

/**
 * Imports an ONNX model (the bytes of an `.onnx` file, e.g. from `torch.onnx.export`) as an
 * `@snn/graph` Graph: NHWC activations, HWIO conv weights, `[in, out]` Linear weights. Graph inputs
 * keep their ONNX names with shapes `[H, W, C]` or `[F]` (no batch); outputs are the nodes that
 * produce the ONNX outputs. Every failure is an {@link OnnxImportError}, thrown before any tfjs
 * tensor exists (or after disposing them). A file path works only in Node (the `node` export
 * condition); in the browser it is refused.
 *
 * @example
 * const graph = importOnnx(new Uint8Array(await (await fetch('model.onnx')).arrayBuffer()));
 * const { outputs: [logits] } = execute(graph, tf.tensor4d(pixels, [1, 28, 28, 1]));
 */
export function importOnnx(bytes: Uint8Array | string, options: ImportOptions = {}): Graph {
  if (typeof bytes === 'string')
    throw new OnnxImportError('io', `a path ('${bytes}') can be imported only in Node; pass the model's bytes as a Uint8Array here`);
  if (!(bytes instanceof Uint8Array)) throw new OnnxImportError('io', `importOnnx expects the model's bytes as a Uint8Array, got ${describe(bytes)}`);
  return buildGraph(planImport(bytes, options));
}

const describe = (v: unknown): string => (v === null ? 'null' : typeof v === 'object' ? (v.constructor?.name ?? 'object') : typeof v);
