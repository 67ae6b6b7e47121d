// Everything that touches tfjs, behind one object: the page runs it in a Web Worker (worker.ts,
// through comlink), so the main thread only draws. It works in any thread (no DOM): `?worker=0`
// runs it in the page itself, which is how the browser test shows what the worker saves.
import { type BackendName, type BackendReport, initBackend } from '@snn/backend';
import { importOnnx } from '@snn/onnx';
import { accuracyChart, outputChart } from './charts.js';
import { digitizeRgba } from './digitize.js';
import { annOutputs, disposeGraphs, type ImageSet, type Prepared, pick, prepareModel, SnnRun, thresholds } from './pipeline.js';
import { type ImageRun, type RunProgress, runImages, yieldToEventLoop } from './run-images.js';
import { type LiveCanvases, type LiveStep, LiveView } from './ui/live-view.js';
import { readUserData, type UserFile } from './user-data.js';

/** `auto` tries WebGPU, then wasm, then cpu, and keeps the first that starts. */
export type BackendChoice = 'auto' | BackendName;

/** The order `auto` tries backends in. */
export const AUTO_ORDER: BackendName[] = ['webgpu', 'wasm', 'cpu'];

/** A conversion as the page shows it (plain data: it crosses threads). */
export interface ConvertInfo {
  backend: string;
  seconds: number;
  samples: number;
  /** θ per layer: a number, or `{ channels, mean }` for per-channel thresholds. */
  layers: Array<number | { channels: number; mean: number }>;
  thresholds: number[];
  outputMode: string;
  spiking: Prepared['spiking'];
}

/** The first line of an error's message. */
export const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0];

/** The page's computation: backend, model, calibration data, conversion and runs, with cancel. */
export class SnnApi {
  private backend: BackendReport | undefined;
  private prepared: Prepared | undefined;
  private model: { name: string; bytes: Uint8Array } | undefined;
  private calib: ImageSet | undefined;
  private stop = false;

  /** Starts a backend: strictly the one named, or the first of WebGPU → wasm → cpu (less `skip`) for `auto`. */
  async start(choice: BackendChoice, wasmPaths: string, skip: BackendName[] = []): Promise<BackendReport> {
    this.release();
    const order = AUTO_ORDER.filter((b) => !skip.includes(b));
    const r = await initBackend(choice === 'auto' ? { order, wasmPaths } : { order: [choice], strict: true, wasmPaths });
    this.backend = { backend: r.backend, attempts: r.attempts.map((a) => ({ ...a })) };
    return this.backend;
  }

  /**
   * Takes an ONNX model and drops the previous one. With a backend up, the file is imported at once
   * and refused with one line naming it when it does not import; without one, `convert()` says so.
   */
  setModel(name: string, bytes: Uint8Array): void {
    this.release();
    this.model = undefined;
    if (this.backend) disposeGraphs(this.imported({ name, bytes }));
    this.model = { name, bytes };
  }

  /** The model's ANN graph, or an error whose one line names the file. */
  private imported(model: { name: string; bytes: Uint8Array }) {
    try {
      return importOnnx(model.bytes);
    } catch (e) {
      throw new Error(`${model.name}: ${firstLine(e)}`);
    }
  }

  /** Decodes the user's files (.npz or images) into a set for the current model's input, or one line saying what is wrong. */
  async readData(files: UserFile[]): Promise<ImageSet> {
    const model = this.model;
    if (!model) throw new Error('load a model first');
    if (!this.backend) throw new Error('start a backend first');
    const g = this.imported(model);
    const shape = [...g.inputs[0].shape];
    disposeGraphs(g);
    return readUserData(files, shape);
  }

  /** The images `convert()` calibrates on. */
  setCalibration(set: ImageSet): void {
    this.calib = set;
  }

  /** Imports the model and converts it with `mode` on the current backend, then checks one asynchronous read. */
  async convert(mode: string): Promise<ConvertInfo> {
    const [backend, model, calib] = [this.backend, this.model, this.calib];
    if (!backend) throw new Error('start a backend first');
    if (!model) throw new Error('load a model first');
    if (!calib) throw new Error('give calibration images first');
    this.release();
    disposeGraphs(this.imported(model)); // a file that does not import: one line naming it
    const p = await prepareModel(model.bytes, calib, mode);
    // A backend can fail without throwing (tfjs-webgpu's synchronous reads may return zeros and lose
    // the device): one asynchronous read of the ANN's output brings such a failure out here.
    try {
      await annOutputs(p.ann, pick(calib, [0]), 1, calib.shape);
    } catch (e) {
      disposeGraphs(p.ann, p.snn);
      throw new Error(`reading back after the conversion failed: ${firstLine(e)}`);
    }
    this.prepared = p;
    const layers = p.report.layers.map((l) => (typeof l.threshold === 'number' ? l.threshold : { channels: l.threshold.channels, mean: l.threshold.mean }));
    return {
      backend: backend.backend,
      seconds: p.seconds,
      samples: p.report.calibration.samples,
      layers,
      thresholds: thresholds(p.report),
      outputMode: String(p.report.outputLayer.mode),
      spiking: p.spiking,
    };
  }

  private ready(): Prepared {
    if (!this.prepared) throw new Error('convert a model first');
    this.stop = false;
    return this.prepared;
  }

  /** The drawing pad's `size × size` RGBA pixels as an MNIST-like 28×28 digit (here, off the page's thread). */
  digitize(rgba: Uint8ClampedArray, size: number): Float32Array {
    return digitizeRgba(rgba, size);
  }

  /** The ANN's outputs for `n` images, `[n][classes]`. */
  ann(images: Float32Array, n: number): Promise<number[][]> {
    const p = this.ready();
    return annOutputs(p.ann, images, n, p.ann.inputs[0].shape);
  }

  /** Simulates every image of `set` for T steps through `simulate()`, reporting progress; {@link cancel} stops it. */
  run(set: ImageSet, T: number, onProgress?: (p: RunProgress) => void): Promise<ImageRun> {
    const p = this.ready();
    return runImages(p.snn, set, T, { onProgress, shouldStop: () => this.stop });
  }

  /**
   * Steps one image through T steps, drawing every layer's spikes and the output plot into the
   * page's transferred `canvases` here (off the page's thread), and handing each step's figures to
   * `onStep`; {@link cancel} stops it. Returns the steps run.
   */
  async watch(image: Float32Array, T: number, canvases: LiveCanvases, onStep: (s: LiveStep) => void | Promise<void>): Promise<number> {
    const p = this.ready();
    const view = new LiveView(p.spiking, canvases, T);
    const run = new SnnRun(
      p.snn,
      image,
      1,
      p.spiking.map((s) => s.name),
    );
    try {
      for (let t = 1; t <= T; t++) {
        await yieldToEventLoop();
        if (this.stop) return t - 1;
        // awaited: through comlink the call is a message on its own channel, which could otherwise
        // arrive after watch()'s answer
        await onStep(view.draw(await run.step()));
      }
      return T;
    } finally {
      run.dispose();
    }
  }

  /** The Vega chart (SVG) of one image's output sums over t, `history[t − 1][class]`: rendered here, off the page's thread. */
  outputChart(history: number[][], T: number): Promise<string> {
    return outputChart(history, T);
  }

  /** The Vega chart (SVG) of accuracy at every t over `n` images. */
  accuracyChart(accuracy: number[], n: number): Promise<string> {
    return accuracyChart(accuracy, n);
  }

  /** Asks the running `run()` or `watch()` to stop before its next simulate() call (a few images) or step. */
  cancel(): void {
    this.stop = true;
  }

  /** Frees the converted model's tensors. */
  private release(): void {
    if (this.prepared) disposeGraphs(this.prepared.ann, this.prepared.snn);
    this.prepared = undefined;
  }
}
