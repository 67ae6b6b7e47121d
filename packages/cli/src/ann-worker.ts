// Worker-thread entry (Node): ANN passes on their own tfjs backend, beside the main thread's
// calibration (ann-thread.ts). Messages are handled one at a time, in order; one reply each.
import { parentPort } from 'node:worker_threads';
import { initBackend } from '@snn/backend';
import { evaluate, type Graph, loadGraph } from '@snn/graph';
import type { FromAnnWorker, ToAnnWorker } from './ann-protocol.js';

const port = parentPort;
if (!port) throw new Error('@snn/cli ANN worker: must run in a worker thread');
const graphs = new Map<number, Graph>();

async function handle(m: ToAnnWorker): Promise<FromAnnWorker> {
  if (m.type === 'init') {
    await initBackend(m.backend as 'wasm');
    return { type: 'ready' };
  }
  if (m.type === 'graph') {
    graphs.get(m.id)?.dispose();
    graphs.set(m.id, loadGraph(m.json, m.weights));
    return { type: 'ready' };
  }
  const g = graphs.get(m.id);
  if (!g) throw new Error(`no graph ${m.id} was sent`);
  const t0 = performance.now();
  const { correct, n } = await evaluate(g, { images: m.images, labels: m.labels, n: m.n }, { batchSize: m.batchSize });
  return { type: 'accuracy', correct, n, seconds: (performance.now() - t0) / 1000 };
}

let queue = Promise.resolve();
port.on('message', (m: ToAnnWorker) => {
  queue = queue.then(async () => {
    try {
      port.postMessage(await handle(m));
    } catch (e) {
      port.postMessage({ type: 'error', message: (e as Error)?.message ?? String(e) } satisfies FromAnnWorker);
    }
  });
});
