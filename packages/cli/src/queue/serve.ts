import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'bullmq';
import type { CliIO } from '../registry.js';
import { bullConnection, connectRedis, QUEUE_NAME, type QueueEndpoint } from './connection.js';
import { PROCESSOR_ENV } from './processor.js';

/** How a worker runs. */
export interface ServeOptions {
  threads: number | 'auto';
  /** Milliseconds a job's lock lasts without renewal: a dead worker's shard is re-run after about this long. */
  lockMs: number;
  verbose: boolean;
  /** The tfjs backend the processor thread starts. */
  backend: string;
}

/** The built processor (`dist/processor.js`, beside the bundle's chunks; from sources, the package's dist). */
function processorFile(): string {
  for (const rel of ['./processor.js', '../../dist/processor.js']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  throw new Error('snn worker needs the built @snn/cli (dist/processor.js): run pnpm build');
}

/**
 * Takes jobs from the queue one at a time and runs them in a worker thread (`processor.ts`) until
 * SIGINT or SIGTERM. This thread renews the job's lock meanwhile; if the process dies, BullMQ's
 * stalled-job check (every `lockMs`, in the other workers) hands the job to another worker, at most twice.
 */
export async function serve(ep: QueueEndpoint, io: CliIO, o: ServeOptions): Promise<void> {
  (await connectRedis(ep)).disconnect(); // one clear line if Redis is not there
  Object.assign(process.env, { [PROCESSOR_ENV.queue]: ep.url, [PROCESSOR_ENV.backend]: o.backend, [PROCESSOR_ENV.threads]: String(o.threads) });
  const worker = new Worker(QUEUE_NAME, processorFile(), {
    connection: bullConnection(ep),
    useWorkerThreads: true,
    concurrency: 1,
    lockDuration: o.lockMs,
    stalledInterval: o.lockMs,
    maxStalledCount: 2,
  });
  worker.on('active', (job) => o.verbose && io.stderr(`worker ${process.pid}: started ${job.id}\n`));
  worker.on('completed', (job) => o.verbose && io.stderr(`worker ${process.pid}: finished ${job.id}\n`));
  worker.on('failed', (job, e) => io.stderr(`snn worker: ${job?.id ?? 'a job'} failed: ${e.message.split('\n')[0]}\n`));
  worker.on('error', (e) => io.stderr(`snn worker: ${e.message.split('\n')[0]}\n`));
  await worker.waitUntilReady();
  io.stderr(`snn worker ${process.pid}: waiting for shards on ${ep.url} (queue ${QUEUE_NAME})\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await worker.close();
}
