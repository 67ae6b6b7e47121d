// The job processor `snn worker` runs in a BullMQ worker thread (a sandboxed processor): the
// worker's main thread only talks to Redis and renews the job's lock, so a long conversion or
// simulation never lets the lock lapse and a live worker is never taken for a dead one.
import { type BackendName, initBackend } from '@snn/backend';
import { GraphCache, redisStore } from './artifacts.js';
import { connectRedis, parseQueueUrl } from './connection.js';
import { DataCache } from './data-sources.js';
import { type JobEnv, runJob, type ShardJob, type Timed } from './jobs.js';
import { builtinJobKinds } from './kinds.js';

/** What the worker's main thread tells its processor threads (through the environment). */
export const PROCESSOR_ENV = { queue: 'SNN_WORKER_QUEUE', backend: 'SNN_WORKER_BACKEND', threads: 'SNN_WORKER_THREADS' } as const;

let env: Promise<JobEnv> | undefined;

async function setup(): Promise<JobEnv> {
  const e = process.env;
  await initBackend(e[PROCESSOR_ENV.backend] as BackendName | undefined);
  const redis = await connectRedis(parseQueueUrl(e[PROCESSOR_ENV.queue] ?? ''));
  const t = e[PROCESSOR_ENV.threads];
  return { graphs: new GraphCache(redisStore(redis)), data: new DataCache(), threads: !t || t === 'auto' ? 'auto' : Number(t) };
}

/** Runs one job; the thread keeps its models and data sources for the jobs after it. */
export default async function processJob(job: { data: ShardJob }): Promise<Timed> {
  env ??= setup();
  return runJob(job.data, await env, builtinJobKinds);
}
