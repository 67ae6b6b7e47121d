import * as tf from '@tensorflow/tfjs-core';
import { execute, type Graph } from '@snn/graph';
import { ActivationObserver, type ObserverOptions } from './observers/observer.js';

/** Calibration input: batches of images in the graph's input layout (NHWC). The caller owns them. */
export type CalibrationData = Iterable<tf.Tensor> | AsyncIterable<tf.Tensor>;

/** Progress of a pass that walks the calibration data. */
export type ProgressFn = (e: { stage: string; batch: number; samples: number }) => void;

/**
 * Observers kept between conversions of one ANN on one calibration set, keyed by what their
 * statistics depend on (the candidates of `auto` differ only in how θ is read from them).
 */
export type CalibrationCache = Map<string, { observers: Map<string, ActivationObserver>; samples: number; batches: number }>;

/**
 * Runs the ANN over the calibration batches and feeds each tapped node's output to its own
 * {@link ActivationObserver} (inserting observers without changing the graph: taps are read out).
 * Memory: one batch and its taps at a time; the tensor count is the same before and after.
 *
 * @returns per node, one statistic per layer or per channel.
 */
export async function calibrate(
  graph: Graph,
  data: CalibrationData,
  nodes: string[],
  options: ObserverOptions,
  onProgress?: ProgressFn,
  cache?: CalibrationCache,
): Promise<Map<string, number[]>> {
  const { mode, ...rest } = options;
  const key = JSON.stringify({
    ...rest,
    nodes,
    mode: options.statistics === 'exact' ? undefined : mode,
    graph: graph.nodes.map((n) => [n.name, n.op, n.inputs]),
  });
  const kept = cache?.get(key);
  if (kept) {
    onProgress?.({ stage: 'calibrate', batch: kept.batches, samples: kept.samples });
    return new Map([...kept.observers].map(([n, o]) => [n, o.resultFor(mode)]));
  }
  const observers = new Map(nodes.map((n) => [n, new ActivationObserver(options)]));
  let batch = 0;
  let samples = 0;
  for await (const x of data as AsyncIterable<tf.Tensor>) {
    const { outputs, taps } = execute(graph, x, { taps: nodes });
    const tapped = new Set(Object.values(taps));
    tf.dispose(outputs.filter((o) => !tapped.has(o)));
    for (const n of nodes) {
      await observers.get(n)!.updateTensor(taps[n]);
      taps[n].dispose();
    }
    samples += x.shape[0];
    onProgress?.({ stage: 'calibrate', batch: ++batch, samples });
  }
  if (batch === 0) throw new Error('calibration data yielded no batch');
  cache?.set(key, { observers, samples, batches: batch });
  return new Map([...observers].map(([n, o]) => [n, o.result()]));
}
