import type { GraphCache } from './artifacts.js';
import type { DataCache } from './data-sources.js';

/** What a worker (or a local run) brings to a job: artifacts, data, simulator threads. */
export interface JobEnv {
  graphs: GraphCache;
  data: DataCache;
  /** Simulator worker threads per job (`'auto'`: the simulator decides from the work). */
  threads: number | 'auto';
}

/** A job as plain JSON: its kind, the run it belongs to, and its number within that run. */
export interface ShardJob {
  kind: string;
  shard: number;
  [field: string]: unknown;
}

/** What every job returns besides its own result: seconds in the handler and simulating. */
export interface Timed {
  seconds: number;
  simulate: number;
}

/** One kind of job: how a worker runs it (listed in `kinds.ts`). Results must be JSON (they travel through Redis). */
export interface JobKind {
  kind: string;
  run(job: ShardJob, env: JobEnv): Promise<Timed>;
}

/** Runs a job with the handler of its kind among `kinds`, timing it. */
export async function runJob(job: ShardJob, env: JobEnv, kinds: readonly JobKind[]): Promise<Timed> {
  const k = kinds.find((x) => x.kind === job.kind);
  if (!k) throw new Error(`unknown job kind '${job.kind}' (this worker runs ${kinds.map((x) => x.kind).join(', ')}): update snn on this machine`);
  const t0 = performance.now();
  const r = await k.run(job, env);
  return { ...r, seconds: (performance.now() - t0) / 1000 };
}
