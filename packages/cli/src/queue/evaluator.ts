import type { Evaluator } from '../evaluate/evaluator.js';
import { mergeOutcomes } from '../evaluate/outcome.js';
import { progressBar } from '../progress.js';
import type { CommandContext } from '../registry.js';
import { GraphCache, redisStore } from './artifacts.js';
import { connectRedis, parseQueueUrl } from './connection.js';
import { runId, runShards, timingSummary } from './coordinator.js';
import { DataCache, dataFlagsOf } from './data-sources.js';
import type { EvalShardJob, EvalShardResult } from './eval-shard.js';

/**
 * `--queue redis://HOST:PORT` for `snn eval`: the SNN is stored content-addressed in Redis, the
 * samples are cut into shards of one batch each (so every worker sees the batches a local run
 * sees), `snn worker` processes score them, and the shards' counts are merged into exactly the
 * outcome a local run gives. Redis is checked before anything expensive runs.
 */
export async function openQueueEvaluator(url: string, ctx: CommandContext): Promise<Evaluator> {
  const ep = parseQueueUrl(url);
  const redis = await connectRedis(ep);
  const graphs = new GraphCache(redisStore(redis));
  const data = new DataCache();
  return {
    async evaluate(snn, target, { T, batchSize, at }) {
      const model = await graphs.put(snn);
      const ref = data.ref(dataFlagsOf(ctx.options), target.split, target.data);
      const indices = Array.from(target.indices);
      const jobs: EvalShardJob[] = [];
      for (let s = 0; s < indices.length; s += batchSize)
        jobs.push({
          kind: 'eval-shard',
          shard: jobs.length,
          model,
          data: ref,
          indices: indices.slice(s, s + batchSize),
          T,
          batchSize,
          ...(at && at.length >= 2 ? { at: [...at] } : {}),
        });
      const run = runId(jobs);
      ctx.io.stderr(`queue run ${run}: ${jobs.length} shards on ${url}\n`);
      const bar = progressBar('shards');
      const t0 = performance.now();
      try {
        const { results, timings } = await runShards<EvalShardResult>(ep, run, jobs, (done, total) => bar.update(done, total, `${done}/${total}`));
        if (ctx.verbose) ctx.io.stderr(timingSummary(run, timings, (performance.now() - t0) / 1000));
        return mergeOutcomes(results);
      } finally {
        bar.done();
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}
