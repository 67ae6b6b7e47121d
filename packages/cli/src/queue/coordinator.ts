import { Queue } from 'bullmq';
import { UserError } from '../errors.js';
import { sha256 } from './artifacts.js';
import { bullConnection, QUEUE_NAME, type QueueEndpoint } from './connection.js';
import type { ShardJob, Timed } from './jobs.js';

/** Where a shard's time went, from BullMQ's own timestamps and the worker's clock. */
export interface ShardTiming {
  shard: number;
  /** Seconds from enqueueing to the start of the (last) attempt: waiting for a free worker, and pickup. */
  waited: number;
  /** Seconds the worker held it (last attempt). */
  held: number;
  /** Seconds of that spent simulating. */
  simulate: number;
  /** Attempts that threw, and times a dead worker's lock expired and the shard was re-run. */
  failures: number;
  stalls: number;
}

/** Failed attempts before a shard fails the run. */
export const ATTEMPTS = 3;

/**
 * A run's id from its jobs' content: the same command with the same model, data and options
 * gets the same id, so a restarted coordinator resumes the run (finished shards are not re-run).
 */
export const runId = (jobs: readonly ShardJob[]): string => sha256(JSON.stringify(jobs)).slice(0, 16);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Enqueues `jobs` as run `run` (job ids `<run>-<shard>`; BullMQ keeps one job per id, so
 * re-adding after a restart adds nothing) and waits for every result. Results are keyed by shard:
 * a shard re-run after a worker died counts once. A shard that failed {@link ATTEMPTS} times fails
 * the run with its error; one failed for good by an earlier coordinator is retried on resume.
 */
export async function runShards<R extends Timed>(
  ep: QueueEndpoint,
  run: string,
  jobs: readonly ShardJob[],
  onProgress: (done: number, total: number) => void = () => {},
  pollMs = 200,
): Promise<{ results: R[]; timings: ShardTiming[] }> {
  const queue = new Queue(QUEUE_NAME, { connection: bullConnection(ep) });
  try {
    const ids = jobs.map((j) => `${run}-${j.shard}`);
    for (const id of ids) {
      const old = await queue.getJob(id);
      if (old && (await old.isFailed())) await old.retry('failed');
    }
    await queue.addBulk(
      jobs.map((data, i) => ({
        name: data.kind,
        data,
        opts: {
          jobId: ids[i],
          attempts: ATTEMPTS,
          backoff: { type: 'fixed', delay: 100 },
          removeOnComplete: { age: 24 * 3600 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
    const results = new Map<number, { value: R; timing: ShardTiming }>();
    while (results.size < jobs.length) {
      await Promise.all(
        jobs.map(async (j, i) => {
          if (results.has(i)) return;
          // state first: a job read before it completes has no return value yet
          const state = await queue.getJobState(ids[i]);
          if (state !== 'completed' && state !== 'failed') return;
          const job = await queue.getJob(ids[i]);
          if (state === 'failed' && job) throw new UserError(`shard ${j.shard} of run ${run} failed ${job.attemptsMade} times: ${job.failedReason}`);
          if (state !== 'completed' || !job) return;
          const value = job.returnvalue as R | null;
          if (!value) return;
          const timing = {
            shard: j.shard,
            waited: ((job.processedOn ?? 0) - job.timestamp) / 1000,
            held: ((job.finishedOn ?? 0) - (job.processedOn ?? 0)) / 1000,
            simulate: value.simulate,
            failures: job.attemptsMade - 1,
            stalls: job.stalledCounter ?? 0,
          };
          results.set(i, { value, timing });
        }),
      );
      onProgress(results.size, jobs.length);
      if (results.size < jobs.length) await sleep(pollMs);
    }
    // A duplicate still running after a stall keeps its lock: it is left to expire (removeOnComplete).
    await Promise.all(ids.map((id) => queue.remove(id).catch(() => 0)));
    const done = jobs.map((_, i) => results.get(i) as { value: R; timing: ShardTiming });
    return { results: done.map((d) => d.value), timings: done.map((d) => d.timing) };
  } finally {
    await queue.close();
  }
}

/** One line about where the shards' time went (`--verbose`). */
export function timingSummary(run: string, t: readonly ShardTiming[], wall: number): string {
  const sum = (f: (x: ShardTiming) => number) => t.reduce((s, x) => s + f(x), 0);
  const sim = sum((x) => x.simulate);
  const reruns = t.filter((x) => x.stalls > 0 || x.failures > 0).length;
  const held = sum((x) => x.held);
  return `queue run ${run}: ${t.length} shards in ${wall.toFixed(2)} s; simulating ${sim.toFixed(2)} s, held by workers ${held.toFixed(2)} s (overhead ${((1000 * (held - sim)) / t.length).toFixed(1)} ms/shard), waiting ${(sum((x) => x.waited) / t.length).toFixed(2)} s/shard; ${reruns} re-run (stalled ${sum((x) => x.stalls)}, failed attempts ${sum((x) => x.failures)})\n`;
}
