// Node entry: everything in index.ts, plus worker threads for `simulate({ workers })`.
import { registerParallelRunner } from './parallel.js';
import { workerThreadsRunner } from './workers/pool.js';

export * from './index.js';
export { lendWorker, prestartWorkers, runInWorkers, workerExecArgv, workerScript, workerThreadsRunner } from './workers/pool.js';
export { freeWorkers, idleThreadIds, stopIdleWorkers, workerKernelTimes, workersBusy } from './workers/warm.js';
export { serveSimulation } from './workers/serve.js';

registerParallelRunner(workerThreadsRunner);
