import { builtinLayers, getLayer, type Graph } from '@snn/graph';
import { getNeuronModel, hasNeuronModel } from '@snn/neuron';
import * as tf from '@tensorflow/tfjs-core';
import { isArraySource, type PlainBatch, plainBatches } from './data.js';
import { resolveEncoder } from './encoders/registry.js';
import type { Encoder } from './encoders/types.js';
import { ResultCollector } from './engine/collect.js';
import { deviceEngineRuns, simulateOnDevice } from './engine/gpu/index.js';
import { SimSession } from './engine/session.js';
import { checkMonitors, mergeMonitors } from './monitors/hub.js';
import { annMacs } from './monitors/macs.js';
import { isBuiltinMonitorKind } from './monitors/registry.js';
import type { Monitor, MonitorContext } from './monitors/types.js';
import { engineOptions, type SimOptions } from './options.js';
import { parallelRunner } from './parallel.js';
import { simulateReference } from './reference.js';
import type { ArraySource, LabeledBatch, SimPath, SimulationData, SimulationResult } from './types.js';

function* tensorBatches(src: ArraySource, batchSize: number): Generator<LabeledBatch> {
  const size = src.shape.reduce((a, b) => a * b, 1);
  for (let i = 0; i < src.n; i += batchSize) {
    const m = Math.min(batchSize, src.n - i);
    const x = tf.tensor(src.images.subarray(i * size, (i + m) * size), [m, ...src.shape]);
    try {
      yield { x, y: Array.from({ length: m }, (_, k) => src.labels[i + k]) };
    } finally {
      x.dispose();
    }
  }
}

/** Why the chunked engine cannot run `graph`, or undefined when it can. */
export function chunkedUnsupported(graph: Graph): string | undefined {
  if (graph.inputs.length !== 1) return `the graph has ${graph.inputs.length} inputs (the chunked engine takes one)`;
  for (const n of graph.nodes) {
    if (getLayer(n.op).stateful && hasNeuronModel(n.op) && !getNeuronModel(n.op).scalarCharge)
      return `node '${n.name}' is a ${n.op} neuron, whose @snn/neuron model has no scalarCharge (the fast JS kernels need it)`;
  }
  return undefined;
}

/** The data's batches, refusing samples whose shape is not the graph input's. */
async function* checkedBatches(snn: Graph, data: SimulationData, batchSize: number): AsyncGenerator<PlainBatch> {
  const input = snn.inputs[0];
  for await (const b of plainBatches(data, batchSize)) {
    if (b.shape.length !== input.shape.length || b.shape.some((d, i) => d !== input.shape[i]))
      throw new RangeError(
        `the data's samples are [${b.shape.join(', ')}] but graph input '${input.name}' is [${input.shape.join(', ')}] (NHWC, batch excluded)`,
      );
    yield b;
  }
}

/** Lets the event loop run (worker messages, timers) between batches, as `await` on a settled promise does not (setImmediate in Node: no 1 ms clamp). */
const yieldToEventLoop = (): Promise<void> => new Promise((r) => (typeof setImmediate === 'function' ? setImmediate(r) : setTimeout(r, 0)));

/** Samples per piece handed to a worker thread: small pieces keep the threads equally busy to the end. */
export const PARALLEL_PIECE = 40;

/** Cuts batches into pieces of at most `size` samples (views, no copies). */
async function* pieces(source: AsyncIterable<PlainBatch>, size: number): AsyncGenerator<PlainBatch> {
  for await (const b of source) {
    const per = b.x.length / b.count;
    for (let i = 0; i < b.count; i += size) {
      const count = Math.min(size, b.count - i);
      yield { ...b, x: b.x.subarray(i * per, (i + count) * per), labels: b.labels.slice(i, i + count), first: b.first + i, count };
    }
  }
}

/** Image × steps below which `workers: 'auto'` stays in the calling thread (starting workers costs about a second), unless the network is large ({@link MIN_PARALLEL_MACS}). */
export const MIN_PARALLEL_WORK = 20_000;

/**
 * Dense multiply-adds of a run (image·steps × the network's MACs per image·step, `annMacs`) from which
 * `workers: 'auto'` runs on the workers even below {@link MIN_PARALLEL_WORK} image·steps: 20,000 image·steps
 * of the tutorial CNN (1.39 M MAC). A wide VGG (18 M MAC) on 300 images × 32 steps is 1.8·10¹¹: it took
 * 2.6 s on one thread where the rule by image·steps alone kept it.
 */
export const MIN_PARALLEL_MACS = 2.8e10;

/** Whether a run of `imageSteps` image·steps of a network of `macs` dense MACs per image·step is worth the worker threads. */
export function worthParallel(imageSteps: number, macs = 0): boolean {
  return imageSteps >= MIN_PARALLEL_WORK || imageSteps * macs >= MIN_PARALLEL_MACS;
}

/** Encoder kinds that worker threads rebuild from their spec (the built-in ones). */
const WORKER_ENCODERS = ['constant', 'poisson', 'replay'];

/** Threads a run takes: `n`, on worker threads (`workers`) or in the calling thread. */
interface Threads {
  n: number;
  workers: boolean;
}

function chooseWorkers(snn: Graph, opts: SimOptions, encoder: Encoder, monitors: readonly Monitor[], total: number | undefined, batchSize: number): Threads {
  const runner = parallelRunner();
  const asked = opts.workers ?? 'auto';
  if (asked !== 'auto' && !(Number.isInteger(asked) && asked >= 1)) throw new RangeError(`workers must be a positive integer or 'auto', got ${asked}`);
  const here = { n: 1, workers: false };
  if ((asked === 1 && !opts.offThread) || !runner || !runner.available()) return here;
  // Workers rebuild the graph, encoder and monitors from plain data with the built-in registries only (a replayed
  // recording travels in the encoder's spec: over a SharedArrayBuffer every thread reads it in place, no copy).
  if (!WORKER_ENCODERS.includes(encoder.spec.kind) || !monitors.every((m) => isBuiltinMonitorKind(m.kind))) return here;
  if (!snn.nodes.every((n) => builtinLayers.some((d) => d.op === n.op && getLayer(n.op) === d))) return here;
  if (!['wasm', 'cpu'].includes(tf.getBackend())) return here;
  const batches = total === undefined ? Number.POSITIVE_INFINITY : Math.ceil(total / batchSize);
  let n: number;
  if (asked === 'auto') {
    if (total !== undefined && !worthParallel(total * opts.T, annMacs(snn))) return here;
    n = Math.max(1, Math.min(runner.cores(), batches));
  } else n = Math.max(1, Math.min(asked, batches));
  return { n, workers: n > 1 || opts.offThread === true };
}

/**
 * Simulates a spiking network for T steps and scores it at every t, with the semantics of
 * {@link simulateReference} (the input at each step from the encoder, outputs summed over steps,
 * argmax, accuracy at every t = 1..T from one run, confusion matrix at T):
 *
 *   ŷ_t = argmax_k Σ_{τ ≤ t} out_τ[k]      accuracy(t) = mean(ŷ_t = y)
 *
 * The path is chosen automatically (`result.path` says which ran; all give the reference's
 * outputs): the chunked engine (static layers once per batch under constant input, time folded
 * into the batch, IF recurrence in WebAssembly SIMD), on worker threads in Node when the work is
 * large enough. `data` is tensor batches, or an {@link ArraySource} of plain arrays (which is
 * what worker threads need: tensors cannot cross threads — tensor batches are read back and sent).
 * Memory is bounded by batch size × time chunk, not by T or the data set's size.
 *
 * @example
 * const r = await simulate(snn, { images, labels, n, shape: [28, 28, 1] }, { T: 64, monitors: [firingRates()] });
 * r.accuracy[63]; r.path; // 'chunked+workers'
 */
export async function simulate(snn: Graph, data: SimulationData, opts: SimOptions): Promise<SimulationResult> {
  const { T } = opts;
  if (!(Number.isInteger(T) && T > 0)) throw new RangeError(`T must be a positive integer, got ${T}`);
  const encoder = resolveEncoder(opts.encoder);
  const monitors = opts.monitors ?? [];
  const batchSize = opts.batchSize ?? 100;
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  // GPU backends read asynchronously only (WebGPU's sync read is broken): the device engine runs there.
  if (opts.path !== 'reference' && deviceEngineRuns(snn, tf.getBackend())) return simulateOnDevice(snn, data, opts, encoder, monitors, batchSize);
  const why =
    chunkedUnsupported(snn) ??
    (['wasm', 'cpu'].includes(tf.getBackend()) ? undefined : `the ${tf.getBackend()} backend (the chunked engine runs on wasm, cpu, webgpu and tensorflow)`);
  if (opts.path === 'chunked' && why) throw new RangeError(`path 'chunked': ${why}`);
  if (opts.path === 'reference' || why) {
    if ((opts.readout ?? 'sum') !== 'sum')
      throw new RangeError(`readout '${opts.readout}' needs the chunked engine${why ? `, which cannot run this graph: ${why}` : ''}`);
    // the step-by-step path keeps predictions (it decides a class at every step anyway); other monitors need the engine
    if (monitors.some((m) => m.kind !== 'predictions'))
      throw new RangeError(`monitors need the chunked engine${why ? `, which cannot run this graph: ${why}` : ''}`);
    if (!encoder.constant)
      throw new RangeError(`the reference path takes constant input only${why ? `; the chunked engine cannot run this graph: ${why}` : ''}`);
    const source = isArraySource(data) ? tensorBatches(data, batchSize) : data;
    if (monitors.length) checkMonitors(monitors, { graph: snn, T } as MonitorContext); // a predictions check reads T only: no plan here
    const at = [...new Set(monitors.flatMap((m) => m.at as number[]))];
    const { predictions, ...r } = await simulateReference(snn, source, { T, onProgress: opts.onProgress, predictAt: at });
    const picked = (m: Monitor) => {
      const want = (m.at as number[]).map((t) => at.indexOf(t));
      return Array.from({ length: r.n * want.length }, (_, i) => (predictions as number[])[Math.floor(i / want.length) * at.length + want[i % want.length]]);
    };
    return { ...r, path: 'reference', workers: 1, ...(monitors.length ? { monitors: Object.fromEntries(monitors.map((m) => [m.name, picked(m)])) } : {}) };
  }

  const engine = engineOptions(opts);
  const t0 = performance.now();
  const context = new SimSession(snn, { T, encoder, monitors, engine }).context; // checks the monitors before anything runs
  const total = isArraySource(data) ? data.n : opts.total;
  const batches = checkedBatches(snn, data, batchSize);
  const collector = new ResultCollector(T);
  let batch = 0;
  const progress = () => opts.onProgress?.({ stage: 'simulate', batch: ++batch, samples: collector.n, total, seconds: (performance.now() - t0) / 1000 });
  const threads = chooseWorkers(snn, opts, encoder, monitors, total, batchSize);
  const workers = threads.n;
  let parts: unknown[][];
  let path: SimPath = 'chunked';
  let session: SimSession | undefined;
  if (threads.workers) {
    path = 'chunked+workers';
    const r = await (parallelRunner() as NonNullable<ReturnType<typeof parallelRunner>>).run({
      graph: snn,
      T,
      encoder: encoder.spec,
      monitors: [...monitors],
      engine,
      backend: tf.getBackend(),
      workers,
      callingThread: opts.callingThread === true && workers > 1,
      batches: pieces(batches, PARALLEL_PIECE),
      total,
      onBatch(o, b) {
        collector.add(o, b.labels);
        progress();
      },
    });
    parts = r.partials;
  } else {
    session = new SimSession(snn, { T, encoder, monitors, engine });
    for await (const b of batches) {
      collector.add(session.runBatch(b), b.labels);
      progress();
      await yieldToEventLoop(); // a simulation on worker threads meanwhile gets its replies handled
    }
    parts = [session.partials()];
  }
  const result = collector.result((performance.now() - t0) / 1000, path, workers);
  if (monitors.length) result.monitors = mergeMonitors(monitors, parts, session?.context ?? context, result.n);
  return result;
}
