// Node entry: everything in index.ts, plus worker threads for `simulate({ workers })`.
import { registerParallelRunner } from './parallel.js';
import { workerThreadsRunner } from './workers/pool.js';

export * from './index.js';
export { prestartWorkers, runInWorkers, workerExecArgv, workerScript, workerThreadsRunner } from './workers/pool.js';
export { freeWorkers, stopIdleWorkers, workerKernelTimes, workersBusy } from './workers/warm.js';

registerParallelRunner(workerThreadsRunner);
