import type { Graph } from '@snn/graph';
import type { EncoderSpec } from '../encoders/types.js';
import type { EngineHooks } from '../engine/hooks.js';
import type { Plan } from '../engine/plan.js';

/**
 * A monitor as plain data (so worker threads can rebuild it): what to record during a
 * simulation. Make one with `firingRates()`, `spikeTrains()`, `membraneTraces()` or
 * `synapticOps()`; its result appears in `SimulationResult.monitors[name]`.
 */
export interface Monitor {
  kind: string;
  /** Key of the result in `SimulationResult.monitors`. */
  name: string;
  [option: string]: unknown;
}

/** What a monitor knows about the run. */
export interface MonitorContext {
  graph: Graph;
  plan: Plan;
  T: number;
  encoder: EncoderSpec;
}

/** A monitor recording in one thread: engine hooks plus a structured-clonable partial result. */
export interface MonitorSession extends EngineHooks {
  /** This thread's result so far, structured-clonable (sent back from worker threads). */
  partial(): unknown;
}

/** A monitor kind: how to record (per thread) and how to merge the threads' partial results. */
export interface MonitorKind {
  kind: string;
  /** Throws a readable error for a monitor that does not fit the graph (before anything runs). */
  check?(m: Monitor, ctx: MonitorContext): void;
  /** Starts recording `m` in the current thread. */
  session(m: Monitor, ctx: MonitorContext): MonitorSession;
  /** The final result from every thread's partial, `n` samples in all. */
  merge(m: Monitor, parts: unknown[], ctx: MonitorContext, n: number): unknown;
}
