import type { Split } from '@snn/datasets';
import { batches } from '@snn/datasets';
import { execute, type Graph } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';

/** ANN accuracy over a split: argmax of the graph output against the labels, in batches. */
export async function annAccuracy(graph: Graph, test: Split, batchSize: number): Promise<number> {
  let correct = 0;
  for (const b of batches(test, { batchSize })) {
    const pred = tf.tidy(() => tf.argMax(tf.reshape(execute(graph, b.x).outputs[0], [b.x.shape[0], -1]), 1));
    const p = await pred.data(); // awaited: WebGPU's synchronous read is broken
    tf.dispose([pred, b.x, b.y]);
    for (let i = 0; i < p.length; i++) if (p[i] === test.labels[b.indices[i]]) correct++;
  }
  return correct / test.n;
}
