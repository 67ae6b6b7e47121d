// Runs @snn/simulator's simulate() over a set of images, one call per image so that every image's
// prediction is known (simulate() returns counts and a confusion matrix, not per-sample answers),
// with progress and a stop check between images. No DOM: the page's worker and the Node side of the
// browser test run this very function.
import type { Graph } from '@snn/graph';
import { simulate } from '@snn/simulator';
import type { ImageSet } from './pipeline.js';
import { NO_LABEL } from './user-data.js';

/** Progress of {@link runImages}, reported at most every `every` ms and after the last image. */
export interface RunProgress {
  done: number;
  total: number;
  /** Seconds since the run started. */
  seconds: number;
  /** Images × steps simulated per second so far: `done · T / seconds`. */
  rate: number;
  /** Which path of `simulate()` ran the last image (`chunked`, `reference`, or an engine's name). */
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
  /** The `simulate()` path that ran (the last image's). */
  path: string;
  /** True when `shouldStop` ended the run early. */
  stopped: boolean;
}

/** Options of {@link runImages}. */
export interface RunImagesOptions {
  onProgress?: (p: RunProgress) => void;
  /** Checked before each image; true ends the run with what is done so far. */
  shouldStop?: () => boolean;
  /** Least ms between two progress reports (default 100). */
  every?: number;
}

/**
 * Lets queued messages in (a cancel request, a progress read) between two images: a macrotask turn,
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
 * wasm's chunked path, WebGPU's engine or reference path) and collects each image's prediction and
 * the count correct at every t.
 */
export async function runImages(snn: Graph, set: ImageSet, T: number, opts: RunImagesOptions = {}): Promise<ImageRun> {
  const { onProgress, shouldStop = () => false, every = 100 } = opts;
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
  for (let i = 0; i < set.n; i++) {
    await yieldToEventLoop();
    if (shouldStop()) {
      stopped = true;
      break;
    }
    const labelled = set.labels[i] !== NO_LABEL;
    const label = labelled ? set.labels[i] : 0; // the prediction is read from this label's confusion row
    const images = set.images.subarray(i * per, (i + 1) * per);
    const r = await simulate(snn, { images, labels: [label], n: 1, shape: set.shape }, { T, workers: 1 });
    const row = r.confusion[label];
    if (!row) throw new RangeError(`image ${i}: label ${label} is not a class of this model (it has ${r.confusion.length} outputs)`);
    predictions.push(row.indexOf(1));
    if (labelled) {
      scored++;
      r.correct.forEach((c, t) => {
        correct[t] += c;
      });
    }
    path = r.path ?? 'unknown';
    if (performance.now() - reported >= every || i === set.n - 1) report(i + 1);
  }
  if (stopped) report(predictions.length);
  const seconds = (performance.now() - t0) / 1000;
  const n = predictions.length;
  return { T, n, predictions, correct, scored, seconds, rate: seconds > 0 ? (n * T) / seconds : 0, path, stopped };
}
