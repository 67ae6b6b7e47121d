import { writeFileSync } from 'node:fs';
import { execute, type Graph } from '@snn/graph';
import { importOnnx } from '@snn/onnx';
import * as tf from '@tensorflow/tfjs-core';
import { UserError } from '../errors.js';
import { checkOutputPath } from '../output-path.js';
import type { Command } from '../registry.js';
import { readTensorJson, type TensorJson, tensorJson } from '../tensor-json.js';

/** The input shape in PyTorch's layout: `[N, C, H, W]` for an NHWC `[H, W, C]` graph input (or `[N, C, L]` when H = 1), `[N, F]` for `[F]`. */
const torchShape = (nhwc: readonly number[]): string =>
  nhwc.length === 3 ? `[N, ${nhwc[2]}, ${nhwc[0]}, ${nhwc[1]}]${nhwc[0] === 1 ? ` or [N, ${nhwc[2]}, ${nhwc[1]}]` : ''}` : `[N, ${nhwc.join(', ')}]`;

/** Does PyTorch-layout `got` fit the NHWC graph input `want`? A sequence `[N, C, L]` fits `[1, L, C]` (1-D models import with H = 1). */
function fitsInput(want: readonly number[], got: readonly number[]): boolean {
  if (want.length !== 3) return got.length === 2 && got[1] === want[0];
  if (got.length === 3) return want[0] === 1 && got[1] === want[2] && got[2] === want[1];
  return got.length === 4 && got[1] === want[2] && got[2] === want[0] && got[3] === want[1];
}

/** Runs the graph on NCHW (or `[N, C, L]`, `[N, F]`) data and returns its outputs in the same convention. */
export async function inferNchw(graph: Graph, input: TensorJson, where: string): Promise<Array<TensorJson & { name: string }>> {
  if (graph.inputs.length !== 1)
    throw new UserError(`the model has ${graph.inputs.length} inputs (${graph.inputs.map((i) => i.name).join(', ')}); infer feeds exactly one`);
  const want = graph.inputs[0].shape;
  const got = input.shape;
  if (!fitsInput(want, got))
    throw new UserError(`${where}: shape [${got.join(', ')}] does not fit the model's input '${graph.inputs[0].name}', ${torchShape(want)}`);
  const outs = tf.tidy(() => {
    const seq = got.length === 3;
    let x: tf.Tensor = tf.tensor(input.data, seq ? [got[0], got[1], 1, got[2]] : got, 'float32');
    if (x.rank === 4) x = tf.transpose(x, [0, 2, 3, 1]);
    const back = (y: tf.Tensor) => (seq && y.shape[1] === 1 ? tf.squeeze(tf.transpose(y, [0, 3, 1, 2]), [2]) : tf.transpose(y, [0, 3, 1, 2]));
    return execute(graph, x).outputs.map((y) => (y.rank === 4 ? back(y) : y));
  });
  // Read back asynchronously: WebGPU's synchronous read is broken (Chromium, Node).
  const data = await Promise.all(outs.map((o) => o.data()));
  const result = outs.map((o, k) => ({ name: graph.outputs[k], shape: o.shape, data: Array.from(data[k]) }));
  tf.dispose(outs);
  return result;
}

/**
 * `snn infer <model.onnx> --input in.json [--output out.json]`: runs the model on
 * `{"shape": [N, C, H, W] | [N, F], "data": [...]}` in PyTorch's NCHW order and writes
 * `{"shape": [N, K], "data": [...]}` (a 4-D output goes back to NCHW) to the file or stdout.
 */
export const inferCommand: Command = {
  name: 'infer',
  summary: 'run an ONNX model on a JSON tensor (PyTorch NCHW order) and write its output as JSON',
  usage: 'infer <model.onnx> --input in.json [--output out.json] [--force]',
  options: { input: { type: 'string', short: 'i' }, output: { type: 'string', short: 'o' }, force: { type: 'boolean' } },
  positionals: { min: 1, max: 1, names: '<model.onnx>' },
  async run({ args, options, io, backend, verbose }) {
    const inputPath = options.input as string | undefined;
    if (!inputPath) throw new UserError('infer needs --input <file.json> holding {"shape": [N, C, H, W] or [N, F], "data": [...]}');
    const outPath = options.output as string | undefined;
    if (outPath) checkOutputPath('--output', outPath, 'file', Boolean(options.force));
    const input = readTensorJson(inputPath);
    const name = await backend();
    const graph = importOnnx(args[0]);
    let outputs: Awaited<ReturnType<typeof inferNchw>>;
    try {
      const t0 = performance.now();
      outputs = await inferNchw(graph, input, inputPath);
      if (verbose) io.stderr(`infer: ${input.shape[0]} sample(s) on ${name} in ${(performance.now() - t0).toFixed(0)} ms\n`);
    } finally {
      graph.dispose();
    }
    const text =
      outputs.length === 1 ? tensorJson(outputs[0]) : `${JSON.stringify({ outputs: outputs.map((o) => ({ name: o.name, shape: o.shape, data: o.data })) })}\n`;
    if (!outPath) {
      io.stdout(text);
      return;
    }
    try {
      writeFileSync(outPath, text);
    } catch (e) {
      throw new UserError(`${outPath}: cannot write it (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  },
};
