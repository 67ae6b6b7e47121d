import { importOnnx, summary } from '@snn/onnx';
import type { Command } from '../registry.js';

/**
 * `snn summary <model.onnx>`: imports the model and prints its graph as a table of node, op,
 * output shape (NHWC, batch as N) and parameter count.
 */
export const summaryCommand: Command = {
  name: 'summary',
  summary: 'print the layers of an ONNX model as imported: node, op, output shape, parameters',
  usage: 'summary <model.onnx>',
  positionals: { min: 1, max: 1, names: '<model.onnx>' },
  async run({ args, io, backend }) {
    await backend(); // the graph's weights are tensors
    const graph = importOnnx(args[0]);
    try {
      io.stdout(`${summary(graph)}\n`);
    } finally {
      graph.dispose();
    }
  },
};
