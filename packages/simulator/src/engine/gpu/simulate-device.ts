import { getLayer, type Graph } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import type { Encoder } from '../../encoders/types.js';
import { checkMonitors, MonitorHub, mergeMonitors } from '../../monitors/hub.js';
import type { Monitor, MonitorContext } from '../../monitors/types.js';
import { engineOptions, type SimOptions } from '../../options.js';
import type { SimulationData, SimulationResult } from '../../types.js';
import { ResultCollector } from '../collect.js';
import { compilePlan, largestDynamicSize } from '../plan.js';
import { deviceBatches } from './device-batches.js';
import { DeviceRunner } from './device-runner.js';
import { DEVICE_BACKENDS } from './types.js';

/**
 * Values a chunk may hold per node on the device (steps × batch × values per sample): 64 MiB of
 * float32, 4× the CPU engine's budget — GPU kernels want large batches, GPU memory is larger.
 */
export const DEVICE_CHUNK_VALUES = 1 << 24;

/** True when the device engine runs `graph` on `backend` (a GPU backend, one graph input). */
export function deviceEngineRuns(graph: Graph, backend: string): boolean {
  return DEVICE_BACKENDS.includes(backend) && graph.inputs.length === 1;
}

/** Reads the spiking nodes' params once, asynchronously: GPU backends cannot read synchronously, and later reads are served from that copy. */
export async function readStatefulParams(graph: Graph): Promise<void> {
  await Promise.all(graph.nodes.filter((n) => getLayer(n.op).stateful).flatMap((n) => Object.values(n.params).map((t) => t.data())));
}

/**
 * `simulate()` on a GPU backend (webgpu, tensorflow): the chunked engine with every value on the
 * device (see {@link DeviceRunner}), one awaited read back per chunk. Same semantics and result
 * shape as the CPU engine (`path: 'gpu'`); outputs agree with it to float32 rounding (GPU kernels
 * add in another order). One batch runs at a time, all of it at once (no micro-batches).
 */
export async function simulateOnDevice(
  snn: Graph,
  data: SimulationData,
  opts: SimOptions,
  encoder: Encoder,
  monitors: readonly Monitor[],
  batchSize: number,
): Promise<SimulationResult> {
  const { T } = opts;
  const t0 = performance.now();
  await readStatefulParams(snn);
  const plan = compilePlan(snn, encoder.constant);
  const context: MonitorContext = { graph: snn, plan, T, encoder: encoder.spec };
  checkMonitors(monitors, context);
  const hub = new MonitorHub(monitors, context);
  const engine = engineOptions(opts);
  const collector = new ResultCollector(T);
  const total = opts.total ?? (data as { n?: number }).n;
  let runner: DeviceRunner | undefined;
  let batch = 0;
  try {
    for await (const b of deviceBatches(snn, data, batchSize, !encoder.constant)) {
      const chunk = engine.chunk ?? Math.max(1, Math.min(T, Math.floor(DEVICE_CHUNK_VALUES / (largestDynamicSize(plan) * b.count))));
      runner ??= new DeviceRunner(plan, { T, encoder, hooks: hub.empty ? undefined : hub, engine: { ...engine, chunk } }, tf.getBackend());
      collector.add(await runner.run(b), b.labels);
      opts.onProgress?.({ stage: 'simulate', batch: ++batch, samples: collector.n, total, seconds: (performance.now() - t0) / 1000 });
    }
  } finally {
    runner?.dispose();
  }
  const result = collector.result((performance.now() - t0) / 1000, 'gpu', 1);
  if (monitors.length) result.monitors = mergeMonitors(monitors, [hub.partials()], context, result.n);
  return result;
}
