// Worker-thread entry (Node): one Replica of the tutorial CNN on its own tfjs backend, for the
// data-parallel training of parallel-train.ts. Messages are handled one at a time, in order.
import { parentPort } from 'node:worker_threads';
import { initBackend } from '@snn/backend';
import { evaluate, loadGraph } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { EVAL_BATCH, type FromTrainWorker, type ToTrainWorker } from './train-protocol.js';
import { Replica } from './train-replica.js';

const port = parentPort;
if (!port) throw new Error('@snn/cli train worker: must run in a worker thread');
let replica: Replica | undefined;

async function handle(m: ToTrainWorker): Promise<FromTrainWorker | undefined> {
  if (m.type === 'init') {
    await initBackend(m.backend as 'wasm');
    const initial = loadGraph(m.graph.json, m.graph.weights);
    replica = new Replica(initial, m.lr, m.seed);
    initial.dispose();
    return { type: 'ready' };
  }
  if (m.type === 'evaluate') {
    const g = loadGraph(m.graph.json, m.graph.weights);
    try {
      return { type: 'evaluated', correct: (await evaluate(g, m, { batchSize: EVAL_BATCH })).correct };
    } finally {
      g.dispose();
    }
  }
  const r = replica as Replica;
  if (m.type === 'apply') {
    r.apply(m.grads, m.lr); // the average the parent applies too: no reply
    return undefined;
  }
  const [x, y] = [tf.tensor4d(m.x, m.shape), tf.tensor1d(m.labels, 'int32')];
  try {
    const { loss, grads } = r.grads(x, y, m.seed);
    return { type: 'grads', loss, grads };
  } finally {
    tf.dispose([x, y]);
  }
}

let queue = Promise.resolve();
port.on('message', (m: ToTrainWorker) => {
  queue = queue.then(async () => {
    try {
      const reply = await handle(m);
      if (reply) port.postMessage(reply); // copied, not transferred: a backend's read-back may share its memory
    } catch (e) {
      port.postMessage({ type: 'error', message: (e as Error)?.message ?? String(e) } satisfies FromTrainWorker);
    }
  });
});
