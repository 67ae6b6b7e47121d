// The simulation worker thread's body (Node): one simulation session on its own tfjs backend; see pool.ts. worker.ts loads it.
import { parentPort } from 'node:worker_threads';
import { serveSimulation } from './serve.js';

if (!parentPort) throw new Error('@snn/simulator worker: must run in a worker thread');
serveSimulation(parentPort);
