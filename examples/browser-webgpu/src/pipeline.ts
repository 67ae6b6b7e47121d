// The app's computation, with no DOM and no Node built-ins: the page runs it, and the browser test
// runs the very same functions in Node to check that the page's outputs equal Node's.
import { type ConversionReport, convert, parseMode } from '@snn/converter';
import type { DigitSet } from '@snn/datasets';
import { disposeState, execute, type Graph, type GraphState } from '@snn/graph';
import { importOnnx } from '@snn/onnx';
import * as tf from '@tensorflow/tfjs-core';

/** A labelled image set as flat arrays (NHWC, sample-major). */
export interface ImageSet {
  images: Float32Array;
  labels: Uint8Array;
  n: number;
  shape: [number, number, number];
}

/** A digit set (class = position) as one labelled set, classes in order. */
export function digitSetImages({ digits, rows, cols }: DigitSet): ImageSet {
  const per = rows * cols;
  const n = digits.reduce((s, d) => s + d.length / per, 0);
  const images = new Float32Array(n * per);
  const labels = new Uint8Array(n);
  let at = 0;
  digits.forEach((d, label) => {
    images.set(d, at * per);
    labels.fill(label, at, at + d.length / per);
    at += d.length / per;
  });
  return { images, labels, n, shape: [rows, cols, 1] };
}

/** The images at `indices` of a set, as one `[n, H, W, C]` array. */
export function pick(set: ImageSet, indices: readonly number[]): Float32Array {
  const per = set.shape[0] * set.shape[1] * set.shape[2];
  const out = new Float32Array(indices.length * per);
  indices.forEach((i, k) => {
    if (!(Number.isInteger(i) && i >= 0 && i < set.n)) throw new RangeError(`image index ${i} is outside 0..${set.n - 1}`);
    out.set(set.images.subarray(i * per, (i + 1) * per), k * per);
  });
  return out;
}

/** Calibration batches (in the set's order) as a re-walkable source for `convert()`. */
export function calibrationSource(set: ImageSet, batchSize = 100): () => Generator<tf.Tensor> {
  return function* () {
    for (let i = 0; i < set.n; i += batchSize) {
      const m = Math.min(batchSize, set.n - i);
      const x = tf.tensor4d(
        pick(
          set,
          Array.from({ length: m }, (_, k) => i + k),
        ),
        [m, ...set.shape],
      );
      try {
        yield x;
      } finally {
        x.dispose();
      }
    }
  };
}

/** A model ready to run: the imported ANN, its SNN, and the spiking layers to watch. */
export interface Prepared {
  ann: Graph;
  snn: Graph;
  report: ConversionReport;
  /** The SNN's spiking nodes (IF/LIF), in graph order, with their output shapes. */
  spiking: Array<{ name: string; op: string; shape: number[] }>;
  seconds: number;
}

/** Imports an ONNX model and converts it with `mode` (`99.9%`, `max`, `auto@T`, ...), calibrating on `calib`. */
export async function prepareModel(onnx: Uint8Array, calib: ImageSet, mode: string): Promise<Prepared> {
  const t0 = performance.now();
  const ann = importOnnx(onnx);
  const want = ann.inputs[0]?.shape ?? [];
  if (ann.inputs.length !== 1 || want.join() !== calib.shape.join())
    throw new Error(`the model's input is [${want.join(', ')}] (NHWC); this app feeds [${calib.shape.join(', ')}] images`);
  const { snn, report } = await convert(ann, calibrationSource(calib), parseMode(mode));
  const spiking = snn.nodes.filter((n) => n.op === 'IF' || n.op === 'LIF').map((n) => ({ name: n.name, op: n.op, shape: [...n.shape] }));
  return { ann, snn, report, spiking, seconds: (performance.now() - t0) / 1000 };
}

/** Frees the tensors of graphs that are no longer used (shared tensors are freed once). */
export function disposeGraphs(...graphs: Array<Graph | undefined>): void {
  for (const g of graphs) for (const n of g?.nodes ?? []) tf.dispose(Object.values(n.params));
}

/** The ANN's outputs for `[n, ...shape]` images, one row per image. */
export async function annOutputs(ann: Graph, images: Float32Array, n: number, shape: readonly number[]): Promise<number[][]> {
  const x = tf.tensor(images, [n, ...shape]);
  const { outputs } = execute(ann, x);
  const data = await outputs[0].data();
  const k = data.length / n;
  tf.dispose([x, ...outputs]);
  return Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * k, (i + 1) * k)));
}

/** One time step of a run: the output at t, the running sum, and each watched layer's spikes. */
export interface StepResult {
  t: number;
  /** The SNN's output at step t, `[n][classes]`. */
  output: number[][];
  /** Σ_{τ ≤ t} output_τ, `[n][classes]`: its argmax is the prediction at t. */
  sum: number[][];
  /** Watched layer → its output at t, flat `[n, ...shape]` (0 = no spike). */
  spikes: Record<string, Float32Array>;
}

/**
 * Steps an SNN through time on a batch, one `execute()` per step with the image as constant input
 * (what `@snn/simulator`'s reference does), reading each step back asynchronously so a page can
 * draw between steps.
 */
export class SnnRun {
  readonly t0 = performance.now();
  t = 0;
  private state: GraphState | undefined;
  private sum: number[][] | undefined;
  private readonly x: tf.Tensor;

  constructor(
    private readonly snn: Graph,
    images: Float32Array,
    readonly n: number,
    private readonly watch: readonly string[] = [],
  ) {
    this.x = tf.tensor(images, [n, ...snn.inputs[0].shape]);
  }

  async step(): Promise<StepResult> {
    const r = execute(this.snn, this.x, { state: this.state, taps: [...this.watch] });
    disposeState(this.state);
    this.state = r.state;
    this.t++;
    const out = await r.outputs[0].data();
    const spikes: Record<string, Float32Array> = {};
    for (const name of this.watch) spikes[name] = (await r.taps[name].data()) as Float32Array;
    tf.dispose([...r.outputs, ...Object.values(r.taps)]);
    const k = out.length / this.n;
    const output = Array.from({ length: this.n }, (_, i) => Array.from(out.subarray(i * k, (i + 1) * k)));
    this.sum = output.map((row, i) => row.map((v, j) => v + (this.sum ? this.sum[i][j] : 0)));
    return { t: this.t, output, sum: this.sum, spikes };
  }

  dispose(): void {
    disposeState(this.state);
    this.state = undefined;
    this.x.dispose();
  }
}

/** Runs T steps and returns the per-step outputs `[T][n][classes]` (what the browser test compares). */
export async function runSnn(snn: Graph, images: Float32Array, n: number, T: number): Promise<number[][][]> {
  const run = new SnnRun(snn, images, n);
  try {
    const outputs: number[][][] = [];
    for (let t = 0; t < T; t++) outputs.push((await run.step()).output);
    return outputs;
  } finally {
    run.dispose();
  }
}

/** Index of the largest value (the first on ties), as tfjs' argMax picks it. */
export function argmax(row: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}

/** The thresholds of a conversion as one flat list (per layer or per channel). */
export function thresholds(report: ConversionReport): number[] {
  return report.layers.map((l) => (typeof l.threshold === 'number' ? l.threshold : l.threshold.mean));
}
