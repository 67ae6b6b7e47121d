import { Worker } from 'bullmq';
import type { CliIO } from '../registry.js';
import { GraphCache, redisStore } from './artifacts.js';
import { bullConnection, connectRedis, QUEUE_NAME, type QueueEndpoint } from './connection.js';
import { DataCache } from './data-sources.js';
import { type JobEnv, runJob, type ShardJob } from './jobs.js';
import { builtinJobKinds } from './kinds.js';

/** How a worker runs. */
export interface ServeOptions {
  threads: number | 'auto';
  /** Milliseconds a job's lock lasts without renewal: a dead worker's shard is re-run after about this long. */
  lockMs: number;
  verbose: boolean;
  /** Resolves when the worker should stop (default: SIGINT or SIGTERM). */
  stop?: Promise<void>;
}

/**
 * Takes jobs from the queue one at a time and runs them ({@link runJob}) until `stop`. A job's
 * lock is renewed while it runs; if this process dies, BullMQ's stalled-job check (every
 * `lockMs`, in the other workers) hands the job to another worker, at most twice.
 */
export async function serve(ep: QueueEndpoint, io: CliIO, o: ServeOptions, startBackend: () => Promise<unknown>): Promise<void> {
  const redis = await connectRedis(ep);
  try {
    await startBackend();
    const env: JobEnv = { graphs: new GraphCache(redisStore(redis)), data: new DataCache(), threads: o.threads };
    const worker = new Worker<ShardJob>(
      QUEUE_NAME,
      async (job) => {
        if (o.verbose) io.stderr(`worker ${process.pid}: started ${job.id}\n`);
        return runJob(job.data, env, builtinJobKinds);
      },
      { connection: bullConnection(ep), concurrency: 1, lockDuration: o.lockMs, stalledInterval: o.lockMs, maxStalledCount: 2 },
    );
    worker.on('completed', (job) => o.verbose && io.stderr(`worker ${process.pid}: finished ${job.id}\n`));
    worker.on('failed', (job, e) => io.stderr(`snn worker: ${job?.id ?? 'a job'} failed: ${e.message.split('\n')[0]}\n`));
    worker.on('error', (e) => io.stderr(`snn worker: ${e.message.split('\n')[0]}\n`));
    await worker.waitUntilReady();
    io.stderr(`snn worker ${process.pid}: waiting for shards on ${ep.url} (queue ${QUEUE_NAME})\n`);
    await (o.stop ??
      new Promise<void>((resolve) => {
        process.once('SIGTERM', resolve);
        process.once('SIGINT', resolve);
      }));
    await worker.close();
  } finally {
    redis.disconnect();
  }
}
