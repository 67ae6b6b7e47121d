import * as tf from '@tensorflow/tfjs-core';
import { execute, type Graph } from '@snn/graph';
import type { ActivationObserver, ObserverOptions } from './observers/observer.js';
import { type BatchPlace, ObserverSet, type ObserverSetState, type ObserverSpecs } from './observers/observer-set.js';
import type { Recipe } from './recipe.js';

/** Calibration input: batches of images in the graph's input layout (NHWC). The caller owns them. */
export type CalibrationData = Iterable<tf.Tensor> | AsyncIterable<tf.Tensor>;

/** Progress of a pass that walks the calibration data. */
export type ProgressFn = (e: { stage: string; batch: number; samples: number }) => void;

/** What one calibration pass kept for one node and one set of observer options. */
export interface CalibrationEntry {
  observer: ActivationObserver;
  samples: number;
  batches: number;
}

/**
 * Observers kept between conversions of one ANN on one calibration set, one per tapped node and
 * what its statistics depend on (the candidates of `auto` differ only in how θ is read from them).
 * `alsoObserve` (see {@link sharedCalibration}) names further observer options that a pass over the
 * data fills at the same time, so that conversions with other recipes find their statistics here.
 */
export type CalibrationCache = Map<string, CalibrationEntry> & {
  alsoObserve?: ObserverOptions[];
  helper?: CalibrationHelper;
  /**
   * Which positions of the pass an observer capped at `samples` images takes (1 = take; the CLI: a
   * class-stratified seeded subset of that size), and which the bias correction simulates (its
   * `biasCorrectionSamples`); without it, the first `samples` of the pass.
   */
  pick?: (samples: number) => Uint8Array;
};

/**
 * Another thread that observes some of a pass's batches with the same observers (the CLI's ANN
 * worker): {@link calibrate} hands it a batch whenever it has room and keeps the rest. Its share is
 * joined in at the end; the EMA folds every batch in pass order, histograms merge exactly, so the
 * thresholds are those of one pass in one thread (its backend must compute as this one's does).
 */
export interface CalibrationHelper {
  /** Whether it takes a batch now (it is alive and has room in its queue); it may let its thread's replies in first. */
  ready(): Promise<boolean>;
  /** Starts a share of a pass: `graph` run to `nodes`, observed by a set built from `specs`. */
  begin(graph: Graph, nodes: string[], specs: ObserverSpecs): void;
  /** Observes one batch of that pass (`x`: its images, NHWC; the caller's, not to be transferred). */
  observe(x: Float32Array, shape: number[], at: BatchPlace): void;
  /** Waits for every batch handed over and returns the helper's share. */
  end(): Promise<ObserverSetState>;
}

/**
 * One batch of a calibration pass: the graph run on `x` to the tapped `nodes`, each tap fed to the
 * set's observers of that node and read back at most once. Calibration runs this in every thread
 * that takes part (the CLI's ANN worker too). The caller keeps `x`; no tensor outlives the call.
 */
export async function observeBatch(graph: Graph, set: ObserverSet, x: tf.Tensor, nodes: string[], at: BatchPlace): Promise<void> {
  const { outputs, taps } = execute(graph, x, { taps: nodes });
  const tapped = new Set(Object.values(taps));
  tf.dispose(outputs.filter((o) => !tapped.has(o)));
  try {
    for (const n of nodes) await set.feed(n, taps[n], at);
  } finally {
    tf.dispose(Object.values(taps));
  }
  set.endBatch(x.shape[0], at);
}

/**
 * A cache whose first calibration pass observes, besides what its own recipe needs, the statistics of
 * every recipe in `recipes` (one ANN pass for SpikingJelly's six modes and `auto`). Each recipe's
 * thresholds are the ones a pass of its own gives: same batches, same order, same observers.
 *
 * @example
 * const cache = sharedCalibration(['max', '99.9%', 'auto'].map(parseMode));
 * for (const r of recipes) await convert(ann, data, r, { calibrationCache: cache }); // one ANN pass
 */
export function sharedCalibration(recipes: Recipe[]): CalibrationCache {
  return Object.assign(new Map<string, CalibrationEntry>(), { alsoObserve: recipes.map(observerOptions) });
}

/** The observer options a recipe calibrates with (its mode, statistics, momentum, per channel or not, how many images). */
export function observerOptions(recipe: Recipe): ObserverOptions {
  return { mode: recipe.mode, statistics: recipe.statistics, momentum: recipe.momentum, channelWise: recipe.channelWise, samples: recipe.calibrationSamples };
}

/** What one node's statistics depend on: the graph, the node and the options (an exact histogram serves every mode). */
function cacheKey(graph: Graph, node: string, o: ObserverOptions): string {
  return JSON.stringify({
    statistics: o.statistics,
    momentum: o.momentum,
    channelWise: o.channelWise,
    samples: o.samples,
    node,
    mode: o.statistics === 'exact' ? undefined : o.mode,
    graph: graph.nodes.map((n) => [n.name, n.op, n.inputs]),
  });
}

/**
 * Runs the ANN over the calibration batches and feeds each tapped node's output to its own
 * {@link ActivationObserver} (inserting observers without changing the graph: taps are read out),
 * and to the observers of the cache's `alsoObserve` options not yet in the cache; a tap is read back
 * at most once per batch, whatever the number of observers. Memory: one batch and its taps at a
 * time; the tensor count is the same before and after.
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
  const keys = nodes.map((n) => cacheKey(graph, n, options));
  const kept = keys.map((k) => cache?.get(k));
  if (kept.every((e) => e !== undefined)) {
    onProgress?.({ stage: 'calibrate', batch: kept[0]?.batches ?? 0, samples: kept[0]?.samples ?? 0 });
    return new Map(nodes.map((n, i) => [n, (kept[i] as CalibrationEntry).observer.resultFor(options.mode)]));
  }
  const set = new ObserverSet();
  for (const o of [options, ...(cache?.alsoObserve ?? [])])
    for (const node of nodes) {
      const k = cacheKey(graph, node, o);
      if (!cache?.has(k)) set.add(k, node, o, o.samples === undefined ? undefined : cache?.pick?.(o.samples));
    }
  const helper = cache?.helper;
  let begun = false;
  let batch = 0;
  let samples = 0;
  for await (const x of data as AsyncIterable<tf.Tensor>) {
    const at = { index: batch, first: samples };
    if (await helper?.ready()) {
      if (!begun) helper?.begin(graph, nodes, set.specs());
      begun = true;
      helper?.observe((await x.data()) as Float32Array, x.shape, at);
    } else await observeBatch(graph, set, x, nodes, at);
    samples += x.shape[0];
    batch++; // not inside the optional call: without onProgress its arguments are never evaluated
    onProgress?.({ stage: 'calibrate', batch, samples: Math.min(samples, options.samples ?? samples) });
    if (set.fullAt(samples)) break; // every observer has its images: the rest of the data is not read
  }
  if (begun) set.absorb(await (helper as CalibrationHelper).end());
  if (batch === 0) throw new Error('calibration data yielded no batch');
  for (const [k, m] of set.members) cache?.set(k, { observer: m.observer, samples: m.samples, batches: m.batches });
  const own = (i: number) => set.members.get(keys[i])?.observer ?? (kept[i] as CalibrationEntry).observer;
  return new Map(nodes.map((n, i) => [n, own(i).resultFor(options.mode)]));
}
