// The simulation worker thread's body (Node): one simulation session on its own tfjs backend; see pool.ts. worker.ts loads it.
import { parentPort } from 'node:worker_threads';
import { initBackend } from '@snn/backend';
import { loadGraph } from '@snn/graph';
import { encoderFromSpec } from '../encoders/registry.js';
import { kernelProfile } from '../engine/chunk-profile.js';
import { SimSession } from '../engine/session.js';
import { wasmKernelsAvailable } from '../engine/wasm/arena.js';
import type { FromWorker, ToWorker } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('@snn/simulator worker: must run in a worker thread');
let session: SimSession | undefined;
let graph: ReturnType<typeof loadGraph> | undefined;
let backend: string | undefined;

/** Starts `name` unless it already runs here (a warm or reused thread keeps its backend). */
async function ensureBackend(name: string): Promise<void> {
  if (backend === name) return;
  await initBackend(name as 'wasm');
  backend = name;
}

const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

async function handle(m: ToWorker): Promise<void> {
  if (m.type === 'warm') {
    await ensureBackend(m.backend);
    wasmKernelsAvailable(); // emits and compiles the IF module now (~50 ms in a fresh thread), not in the first job
    post({ type: 'ready' });
  } else if (m.type === 'init') {
    await ensureBackend(m.backend);
    graph?.dispose(); // a reused thread: the previous job's weights
    graph = loadGraph(m.graph.json, m.graph.weights);
    kernelProfile(m.profile === true);
    session = new SimSession(graph, { T: m.T, encoder: encoderFromSpec(m.encoder), monitors: m.monitors, engine: m.engine });
    post({ type: 'ready' });
  } else if (m.type === 'batch') {
    const s = session as SimSession;
    const o = s.runBatch({ x: m.x, labels: m.labels, first: m.first, count: m.count });
    post({ type: 'done', id: m.id, correct: o.correct, predictions: o.predictions, classes: o.classes, chunk: s.chunk ?? 0 }, [
      o.correct.buffer as ArrayBuffer,
      o.predictions.buffer as ArrayBuffer,
    ]);
  } else {
    const kernels = kernelProfile();
    post({ type: 'finished', partials: session?.partials() ?? [], ...(kernels.length ? { kernels } : {}) });
  }
}

let queue = Promise.resolve();
port.on('message', (m: ToWorker) => {
  queue = queue.then(() =>
    handle(m).catch((e: Error) => {
      post({ type: 'error', message: e?.message ?? String(e), stack: e?.stack });
    }),
  );
});
