// A worker of another part of a program (as the CLI's ANN worker is): it answers its owner on its own
// port and, sent a port, serves the simulation pool on it too (warm.test.ts lends it to the pool).
import { parentPort } from 'node:worker_threads';
import { initBackend } from '@snn/backend';
import { serveSimulation } from '@snn/simulator';

await initBackend('wasm');
parentPort.on('message', (m) => {
  if (m.port) serveSimulation(m.port);
  parentPort.postMessage(`own: ${m.say}`);
});
