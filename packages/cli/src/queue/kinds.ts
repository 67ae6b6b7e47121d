import { evalShardKind } from './eval-shard.js';
import { sweepCellKind } from '../sweep/cell.js';
import type { JobKind } from './jobs.js';

/** The job kinds every `snn worker` runs (a registry by list: add a kind here). */
export const builtinJobKinds: readonly JobKind[] = [evalShardKind, sweepCellKind];
