import type { Graph } from '@snn/graph';
import { progressBar } from '../progress.js';
import type { CommandContext } from '../registry.js';
import { GraphCache, memoryStore, redisStore } from '../queue/artifacts.js';
import type { DataCache } from '../queue/data-sources.js';
import { type JobEnv, runJob } from '../queue/jobs.js';
import { builtinJobKinds } from '../queue/kinds.js';
import type { SweepCellJob, SweepCellResult } from './cell.js';

/** A sweep cell with its model in memory (`job.model` is filled with the model's content address). */
export interface PendingCell {
  graph: Graph;
  job: SweepCellJob;
}

/**
 * Runs the cells locally (in order, through {@link runJob} with an in-process artifact store) or,
 * with `queue`, as one run on the queue's workers; either way each cell is the same job, stored
 * and loaded the same way, so the tables agree.
 */
export async function runCells(cells: PendingCell[], data: DataCache, ctx: CommandContext, queue?: string): Promise<SweepCellResult[]> {
  const bar = progressBar('sweep');
  try {
    if (!queue) {
      const env: JobEnv = { graphs: new GraphCache(memoryStore(), Number.POSITIVE_INFINITY), data, threads: 'auto' };
      const jobs = await address(cells, env.graphs);
      const out: SweepCellResult[] = [];
      for (const j of jobs) {
        out.push((await runJob(j, env, builtinJobKinds)) as SweepCellResult);
        bar.update(out.length, jobs.length, `${out.length}/${jobs.length}`);
      }
      return out;
    }
    // loaded only for a queued sweep: BullMQ and ioredis stay out of every other command's start
    const { connectRedis, parseQueueUrl } = await import('../queue/connection.js');
    const { runId, runShards, timingSummary } = await import('../queue/coordinator.js');
    const ep = parseQueueUrl(queue);
    const redis = await connectRedis(ep);
    try {
      const jobs = await address(cells, new GraphCache(redisStore(redis)));
      const run = runId(jobs);
      ctx.io.stderr(`queue run ${run}: ${jobs.length} cells on ${queue}\n`);
      const t0 = performance.now();
      const r = await runShards<SweepCellResult>(ep, run, jobs, (d, n) => bar.update(d, n, `${d}/${n}`));
      if (ctx.verbose) ctx.io.stderr(timingSummary(run, r.timings, (performance.now() - t0) / 1000));
      return r.results;
    } finally {
      redis.disconnect();
    }
  } finally {
    bar.done();
  }
}

async function address(cells: PendingCell[], graphs: GraphCache): Promise<SweepCellJob[]> {
  const hashes = new Map<Graph, string>();
  for (const c of cells) if (!hashes.has(c.graph)) hashes.set(c.graph, await graphs.put(c.graph));
  return cells.map(({ graph, job }) => ({ ...job, model: hashes.get(graph) as string }));
}
