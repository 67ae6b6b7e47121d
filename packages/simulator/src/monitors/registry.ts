import { createRegistry } from '@snn/core';
import { firingRateKind } from './firing-rate.js';
import { membraneTraceKind, spikeTrainKind } from './neuron-trace.js';
import { outputMeanKind } from './output-mean.js';
import { predictionsKind } from './predictions.js';
import { outputRecordKind } from './output-record.js';
import { synapticOpsKind } from './synaptic-ops.js';
import { valueRecordKind } from './value-record.js';
import type { MonitorKind } from './types.js';

/** The built-in monitor kinds. */
export const builtinMonitorKinds: readonly MonitorKind[] = [
  firingRateKind,
  spikeTrainKind,
  membraneTraceKind,
  synapticOpsKind,
  outputMeanKind,
  predictionsKind,
  outputRecordKind,
  valueRecordKind,
];

const kinds = createRegistry<MonitorKind>(
  'monitor kind',
  builtinMonitorKinds.map((k) => [k.kind, k]),
);

/**
 * Registers a monitor kind (a later registration replaces an earlier one). Worker threads know
 * only the built-in kinds: a custom kind runs in the calling thread (`workers: 1`).
 */
export function registerMonitorKind(def: MonitorKind): void {
  kinds.set(def.kind, def);
}

/** The kind registered for `kind`; throws naming the known kinds for an unknown one. */
export function getMonitorKind(kind: string): MonitorKind {
  return kinds.get(kind);
}

/** True for a kind that worker threads can rebuild. */
export function isBuiltinMonitorKind(kind: string): boolean {
  return builtinMonitorKinds.some((k) => k.kind === kind && kinds.find(kind) === k);
}
