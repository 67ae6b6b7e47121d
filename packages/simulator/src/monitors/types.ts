/**
 * A monitor as plain data (so worker threads can rebuild it): what to record during a
 * simulation. Make one with `firingRates()`, `spikeTrains()`, `membraneTraces()` or
 * `synapticOps()`; its result appears in `SimulationResult.monitors[name]`.
 */
export interface Monitor {
  kind: string;
  /** Key of the result in `SimulationResult.monitors` (default: the kind). */
  name: string;
  [option: string]: unknown;
}
