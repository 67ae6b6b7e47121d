// The ANN worker thread's body (ann-worker.ts loads it after registering the module hooks): ANN passes on
// their own tfjs backend, beside the main thread's calibration (ann-thread.ts). Messages are handled one at a time, in order; one reply each.
import { parentPort } from 'node:worker_threads';
import { initBackend } from '@snn/backend';
import { ObserverSet, observeBatch } from '@snn/converter';
import { evaluate, type Graph, loadGraph } from '@snn/graph';
import { serveSimulation } from '@snn/simulator';
import * as tf from '@tensorflow/tfjs-core';
import type { FromAnnWorker, ToAnnWorker } from './ann-protocol.js';

const port = parentPort;
if (!port) throw new Error('@snn/cli ANN worker: must run in a worker thread');
const graphs = new Map<number, Graph>();
let pass: { graph: Graph; nodes: string[]; set: ObserverSet; seconds: number } | undefined;

const graph = (id: number): Graph => {
  const g = graphs.get(id);
  if (!g) throw new Error(`no graph ${id} was sent`);
  return g;
};

async function handle(m: ToAnnWorker): Promise<FromAnnWorker> {
  if (m.type === 'init') {
    await initBackend(m.backend as 'wasm');
    return { type: 'ready' };
  }
  if (m.type === 'simulate') {
    serveSimulation(m.port);
    return { type: 'ready' };
  }
  if (m.type === 'graph') {
    graphs.get(m.id)?.dispose();
    graphs.set(m.id, loadGraph(m.json, m.weights));
    return { type: 'ready' };
  }
  const t0 = performance.now();
  if (m.type === 'accuracy') {
    const { correct, n } = await evaluate(graph(m.id), { images: m.images, labels: m.labels, n: m.n }, { batchSize: m.batchSize });
    return { type: 'accuracy', correct, n, seconds: (performance.now() - t0) / 1000 };
  }
  if (m.type === 'begin') {
    const set = new ObserverSet();
    for (const o of m.specs) set.add(o.key, o.node, o.options, o.mask);
    pass = { graph: graph(m.id), nodes: m.nodes, set, seconds: 0 };
    return { type: 'ready' };
  }
  const p = pass;
  if (!p) throw new Error(`'${m.type}' before 'begin'`);
  if (m.type === 'observe') {
    const x = tf.tensor(m.x, m.shape);
    try {
      await observeBatch(p.graph, p.set, x, p.nodes, m.at);
    } finally {
      x.dispose();
    }
    p.seconds += (performance.now() - t0) / 1000;
    return { type: 'observed' };
  }
  pass = undefined;
  return { type: 'share', state: p.set.state(), seconds: p.seconds };
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
