// The simulation worker thread's body (Node): one simulation session on its own tfjs backend; see pool.ts. worker.ts loads it.
import { parentPort } from 'node:worker_threads';
import { initBackend } from '@snn/backend';
import { kernelProfile } from '../engine/chunk-profile.js';
import { wasmKernelsAvailable } from '../engine/wasm/arena.js';
import { SimHost } from './host.js';
import type { FromWorker, ToWorker } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('@snn/simulator worker: must run in a worker thread');
let backend: string | undefined;

const host = new SimHost({
  // a warm or reused thread keeps its backend
  async backend(name) {
    if (backend === name) return;
    await initBackend(name as 'wasm');
    backend = name;
  },
  warm: () => wasmKernelsAvailable(), // emits and compiles the IF module now (~50 ms in a fresh thread), not in the first job
  profile: (on) => kernelProfile(on),
  kernels: () => kernelProfile(),
});

let queue = Promise.resolve();
port.on('message', (m: ToWorker) => {
  queue = queue.then(() =>
    host
      .handle(m)
      .then(([reply, transfer]) => port.postMessage(reply, transfer))
      .catch((e: Error) => {
        port.postMessage({ type: 'error', message: e?.message ?? String(e), stack: e?.stack } satisfies FromWorker);
      }),
  );
});
