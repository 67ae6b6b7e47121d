// Runs @snn/simulator's simulate() over a set of images, a few images per call (so the engines batch
// them: on the GPU engine a batch is one dispatch per layer for all of them), with every image's
// prediction at every t from a monitor (predictions.ts; simulate() itself returns counts and a
// confusion matrix), and progress and a stop check between calls. No DOM: the page's worker and the
// Node side of the browser test run this very function.
import type { Graph } from '@snn/graph';
import { chunkedUnsupported, deviceEngineRuns, simulate } from '@snn/simulator';
import { getBackend } from '@tensorflow/tfjs-core';
import type { ImageSet } from './pipeline.js';
import { PREDICTIONS, type PredictionsAtEveryT, predictionsMonitor } from './predictions.js';
import { NO_LABEL } from './user-data.js';

/**
 * Image·steps per simulate() call: enough for the engines to batch, few enough that progress and
 * Cancel come often. Images per call = clamp(⌊512 / T⌋, 1, 50): T = 256 → 2, T = 32 → 16, T ≤ 10 → 50.
 */
export const imagesPerCall = (T: number): number => Math.max(1, Math.min(50, Math.floor(512 / T)));

/** Progress of {@link runImages}, reported at most every `every` ms (between simulate() calls) and after the last image. */
export interface RunProgress {
  done: number;
  total: number;
  /** Seconds since the run started. */
  seconds: number;
  /** Images × steps simulated per second so far: `done · T / seconds`. */
  rate: number;
  /** Which path of `simulate()` ran the last call (`chunked`, `reference`, or an engine's name). */
  path?: string;
}

/** What {@link runImages} returns. */
export interface ImageRun {
  T: number;
  /** Images simulated (fewer than asked when stopped). */
  n: number;
  /** Each simulated image's class at T: argmax_k Σ_{t ≤ T} out_t[k]. */
  predictions: number[];
  /** `correct[t − 1]`: how many of the `scored` images were right at t (accuracy(t) = correct / scored). */
  correct: number[];
  /** Images with a label (those without one, label {@link NO_LABEL}, get a prediction only). */
  scored: number;
  seconds: number;
  /** Images × steps per second over the run: `n · T / seconds`. */
  rate: number;
  /** The `simulate()` path that ran (the last call's). */
  path: string;
  /** True when `shouldStop` ended the run early. */
  stopped: boolean;
}

/** Options of {@link runImages}. */
export interface RunImagesOptions {
  onProgress?: (p: RunProgress) => void;
  /** Checked before each simulate() call; true ends the run with what is done so far. */
  shouldStop?: () => boolean;
  /** Least ms between two progress reports (default 100). */
  every?: number;
  /**
   * Images per simulate() call (default {@link imagesPerCall}(T)). 1 reads each image's class off
   * its one-image confusion row instead of the monitor (what runs when the monitor cannot: a graph
   * only simulate()'s reference path takes).
   */
  perCall?: number;
}

/**
 * Lets queued messages in (a cancel request, a progress read) between two simulate() calls (or live steps): a macrotask turn,
 * which awaiting an already settled promise does not give. MessageChannel, not setTimeout, because
 * nested timeouts are clamped to 4 ms.
 */
export function yieldToEventLoop(): Promise<void> {
  const { port1, port2 } = new MessageChannel();
  return new Promise((resolve) => {
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(0);
  });
}

/**
 * Simulates `set`'s images for T steps with the current tfjs backend (simulate() picks the engine:
 * wasm's chunked path, WebGPU's engine or reference path), `perCall` images per call, and collects
 * each image's prediction and the count correct at every t (over the labelled images).
 */
export async function runImages(snn: Graph, set: ImageSet, T: number, opts: RunImagesOptions = {}): Promise<ImageRun> {
  const { onProgress, shouldStop = () => false, every = 100 } = opts;
  const monitorable = !chunkedUnsupported(snn) || deviceEngineRuns(snn, getBackend());
  const size = monitorable ? (opts.perCall ?? imagesPerCall(T)) : 1;
  const per = set.shape[0] * set.shape[1] * set.shape[2];
  const predictions: number[] = [];
  const correct = new Array<number>(T).fill(0);
  const t0 = performance.now();
  let path = '';
  let reported = 0;
  const report = (done: number) => {
    const seconds = (performance.now() - t0) / 1000;
    onProgress?.({ done, total: set.n, seconds, rate: seconds > 0 ? (done * T) / seconds : 0, path });
    reported = performance.now();
  };
  let stopped = false;
  let scored = 0;
  for (let i = 0; i < set.n; i += size) {
    await yieldToEventLoop();
    if (shouldStop()) {
      stopped = true;
      break;
    }
    const m = Math.min(size, set.n - i);
    const labels = Array.from(set.labels.subarray(i, i + m), (l) => (l === NO_LABEL ? 0 : l)); // unlabelled: any class, not scored
    const images = set.images.subarray(i * per, (i + m) * per);
    const monitors = size > 1 ? [predictionsMonitor()] : [];
    const r = await simulate(snn, { images, labels, n: m, shape: set.shape }, { T, workers: 1, batchSize: m, monitors });
    const at = r.monitors?.[PREDICTIONS] as PredictionsAtEveryT | undefined;
    for (let b = 0; b < m; b++) {
      const label = labels[b];
      if (label >= r.confusion.length)
        throw new RangeError(`image ${i + b}: label ${label} is not a class of this model (it has ${r.confusion.length} outputs)`);
      predictions.push(at ? at[b][T - 1] : r.confusion[label].indexOf(1));
      if (set.labels[i + b] === NO_LABEL) continue;
      scored++;
      for (let t = 0; t < T; t++) correct[t] += at ? Number(at[b][t] === label) : r.correct[t];
    }
    path = r.path ?? 'unknown';
    if (performance.now() - reported >= every || i + m === set.n) report(i + m);
  }
  if (stopped) report(predictions.length);
  const seconds = (performance.now() - t0) / 1000;
  const n = predictions.length;
  return { T, n, predictions, correct, scored, seconds, rate: seconds > 0 ? (n * T) / seconds : 0, path, stopped };
}
