export type { Monitor, MonitorContext, MonitorKind, MonitorSession } from './types.js';
export { builtinMonitorKinds, getMonitorKind, registerMonitorKind } from './registry.js';
export { type FiringRateResult, firingRates, type NodeRates } from './firing-rate.js';
export { membraneTraces, spikeTrains, type TraceResult } from './neuron-trace.js';
export { type SopLayer, type SopResult, synapticOps } from './synaptic-ops.js';
export { outputMeans } from './output-mean.js';
export { predictions } from './predictions.js';
export { type OutputHook, outputOnlySession } from './output-only.js';
export { annMacs, fanOut, macsOf } from './macs.js';
