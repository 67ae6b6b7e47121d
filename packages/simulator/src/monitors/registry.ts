import { firingRateKind } from './firing-rate.js';
import { membraneTraceKind, spikeTrainKind } from './neuron-trace.js';
import { synapticOpsKind } from './synaptic-ops.js';
import type { MonitorKind } from './types.js';

/** The built-in monitor kinds. */
export const builtinMonitorKinds: readonly MonitorKind[] = [firingRateKind, spikeTrainKind, membraneTraceKind, synapticOpsKind];

const kinds = new Map<string, MonitorKind>(builtinMonitorKinds.map((k) => [k.kind, k]));

/**
 * Registers a monitor kind (a later registration replaces an earlier one). Worker threads know
 * only the built-in kinds: a custom kind runs in the calling thread (`workers: 1`).
 */
export function registerMonitorKind(def: MonitorKind): void {
  kinds.set(def.kind, def);
}

/** The kind registered for `kind`; throws naming the known kinds for an unknown one. */
export function getMonitorKind(kind: string): MonitorKind {
  const k = kinds.get(kind);
  if (!k) throw new RangeError(`unknown monitor kind '${kind}' (registered: ${[...kinds.keys()].sort().join(', ')})`);
  return k;
}

/** True for a kind that worker threads can rebuild. */
export function isBuiltinMonitorKind(kind: string): boolean {
  return builtinMonitorKinds.some((k) => k.kind === kind && kinds.get(kind) === k);
}
