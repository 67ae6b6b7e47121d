import type { Split } from '@snn/datasets';
import { evaluate, type Graph } from '@snn/graph';
import { AnnThread } from './ann-thread.js';

/** ANN accuracy over a split: `@snn/graph`'s `evaluate` (argmax of the output against the labels), in batches. */
export const annAccuracy = async (graph: Graph, test: Split, batchSize: number): Promise<number> => (await evaluate(graph, test, { batchSize })).accuracy;

/**
 * Starts {@link annAccuracy} on a worker thread (the same `evaluate`, batches and backend, so the
 * same count) and returns at once: the pass runs on the second core while this thread goes on
 * (calibration). Without a second core or the built worker it runs here when awaited. The worker's
 * own seconds come with the accuracy.
 */
export function annAccuracyAside(graph: Graph, test: Split, batchSize: number): () => Promise<{ accuracy: number; seconds?: number }> {
  const thread = AnnThread.shared();
  if (!thread) return async () => ({ accuracy: await annAccuracy(graph, test, batchSize) });
  const id = thread.graphId(graph);
  const reply = thread.ask({ type: 'accuracy', id, images: test.images, labels: test.labels, n: test.n, batchSize });
  reply.catch(() => {}); // awaited by the caller; never an unhandled rejection meanwhile
  return async () => {
    try {
      const m = await reply;
      if (m.type !== 'accuracy') throw new Error(`ANN worker: unexpected reply ${m.type}`);
      return { accuracy: m.n ? m.correct / m.n : 0, seconds: m.seconds };
    } catch {
      return { accuracy: await annAccuracy(graph, test, batchSize) }; // the thread failed (it could not start, crashed): here instead
    }
  };
}
