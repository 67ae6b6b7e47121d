import { evaluateShard } from '../evaluate/shard.js';
import type { EvalOutcome } from '../evaluate/outcome.js';
import type { DataRef } from './data-sources.js';
import type { JobKind, ShardJob, Timed } from './jobs.js';

/** One shard of `snn eval --queue`: score the SNN `model` (content address) on `indices` of `data`. */
export interface EvalShardJob extends ShardJob {
  kind: 'eval-shard';
  model: string;
  data: DataRef;
  indices: number[];
  T: number;
  batchSize: number;
  /** The T the run is read at (the outcome's `changes`). */
  at?: number[];
}

export type EvalShardResult = EvalOutcome & Timed;

/** Runs an eval shard: the same {@link evaluateShard} a local `snn eval` calls. */
export const evalShardKind: JobKind = {
  kind: 'eval-shard',
  async run(j, env): Promise<EvalShardResult> {
    const job = j as EvalShardJob;
    const split = await env.data.resolve(job.data); // refuse foreign data before fetching the model
    const snn = await env.graphs.get(job.model);
    const r = await evaluateShard(snn, split, job.indices, { T: job.T, batchSize: job.batchSize, at: job.at, threads: env.threads });
    return { n: r.n, correct: r.correct, confusion: r.confusion, ...(r.changes ? { changes: r.changes } : {}), simulate: r.seconds, seconds: 0 };
  },
};
