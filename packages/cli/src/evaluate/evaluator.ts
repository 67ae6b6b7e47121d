import type { Split } from '@snn/datasets';
import type { Graph } from '@snn/graph';
import type { Command, CommandContext } from '../registry.js';
import { type EvalOutcome, mergeOutcomes } from './outcome.js';
import { evaluateShard } from './shard.js';

/** The samples to score: a named data source (what a remote worker loads), its loaded split and the sample indices. */
export interface EvalTarget {
  /** The data source as the user named it (`--data mnist`, `fashion-mnist`, a directory); a queue sends all data flags. */
  source: string;
  split: 'train' | 'test';
  data: Split;
  /** Sample indices of `data`, in the order they are scored. */
  indices: ArrayLike<number>;
}

/** Scores SNNs: in this process, or sharded over a queue's workers (`--queue`). */
export interface Evaluator {
  evaluate(snn: Graph, target: EvalTarget, opts: { T: number; batchSize: number }): Promise<EvalOutcome>;
  close(): Promise<void>;
}

/** Evaluates in this process: the whole target as one shard. */
export const localEvaluator: Evaluator = {
  async evaluate(snn, target, opts) {
    return mergeOutcomes([await evaluateShard(snn, target.data, target.indices, opts)]);
  },
  async close() {},
};

const open = new WeakMap<object, Evaluator>();

/** The evaluator opened for this command run (keyed by its parsed options). */
export function evaluatorOf(options: CommandContext['options']): Evaluator {
  return open.get(options) ?? localEvaluator;
}

/**
 * Gives a command `--queue redis://HOST:PORT`: the evaluator is opened before the command runs
 * (an unreachable queue fails before any expensive work) and closed after it, however it ends.
 */
export function withEvaluator(cmd: Command): Command {
  const nl = cmd.usage.indexOf('\n');
  const at = nl < 0 ? cmd.usage.length : nl;
  return {
    ...cmd,
    usage: `${cmd.usage.slice(0, at)} [--queue redis://HOST:PORT]${cmd.usage.slice(at)}`,
    options: { ...cmd.options, queue: { type: 'string' } },
    async run(ctx) {
      const url = ctx.options.queue as string | undefined;
      // loaded only when asked for: BullMQ and ioredis stay out of every other command's start
      const ev = url === undefined ? localEvaluator : await (await import('../queue/evaluator.js')).openQueueEvaluator(url, ctx);
      open.set(ctx.options, ev);
      try {
        await cmd.run(ctx);
      } finally {
        open.delete(ctx.options);
        await ev.close();
      }
    },
  };
}
