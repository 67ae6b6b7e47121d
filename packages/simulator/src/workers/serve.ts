import type { MessagePort } from 'node:worker_threads';
import { initBackend } from '@snn/backend';
import * as tf from '@tensorflow/tfjs-core';
import { kernelProfile } from '../engine/chunk-profile.js';
import { wasmKernelsAvailable } from '../engine/wasm/arena.js';
import { SimHost } from './host.js';
import type { FromWorker, ToWorker } from './protocol.js';

/**
 * Serves the simulation pool's protocol (protocol.ts) on `port`, in this thread: one session on this
 * thread's tfjs backend, messages handled one at a time in the order sent, one reply each. The body
 * of a simulation worker thread (worker-main.ts, on its `parentPort`), and of another worker that
 * lends itself to the pool on a port of its own (the CLI's ANN worker: `lendWorker`), so that one
 * thread start (Node, module hooks, tfjs, the backend) serves both.
 */
export function serveSimulation(port: Pick<MessagePort, 'on' | 'postMessage'>): void {
  const host = new SimHost({
    // a warm or reused thread keeps its backend (a lending worker has started it already)
    async backend(name) {
      if (tf.getBackend() !== name) await initBackend(name as 'wasm');
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
  port.on('close', () => host.dispose()); // the pool let a lent port go: its graph goes too
}
