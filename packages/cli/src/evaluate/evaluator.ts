import type { Split } from '@snn/datasets';
import type { Graph } from '@snn/graph';
import { type EvalOutcome, mergeOutcomes } from './outcome.js';
import { evaluateShard, type ShardOptions } from './shard.js';

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
  evaluate(
    snn: Graph,
    target: EvalTarget,
    opts: { T: number; batchSize: number; at?: readonly number[]; path?: ShardOptions['path']; callingThread?: boolean },
  ): Promise<EvalOutcome>;
  close(): Promise<void>;
}

/** Evaluates in this process: the whole target as one shard. */
export const localEvaluator: Evaluator = {
  async evaluate(snn, target, opts) {
    return mergeOutcomes([await evaluateShard(snn, target.data, target.indices, opts)]);
  },
  async close() {},
};
