// The page's state and the steps the UI and the test hook share: start a backend, load the data and
// the model, convert. No drawing here.
import { type BackendName, type BackendReport, initBackend } from '@snn/backend';
import { decodeDigitSet, inflateIfGzip } from '@snn/datasets';
import { annOutputs, digitSetImages, disposeGraphs, type ImageSet, type Prepared, pick, prepareModel } from './pipeline.js';

/** `auto` tries WebGPU, then wasm, then cpu, and keeps the first that starts. */
export type BackendChoice = 'auto' | BackendName;

export const AUTO_ORDER: BackendName[] = ['webgpu', 'wasm', 'cpu'];

async function fetchBytes(url: URL): Promise<Uint8Array> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url.pathname}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

async function fetchSet(url: URL): Promise<ImageSet> {
  return digitSetImages(decodeDigitSet(await inflateIfGzip(await fetchBytes(url), url.pathname), url.pathname));
}

export class App {
  backend: BackendReport | undefined;
  prepared: Prepared | undefined;
  mode = '99.9%';

  private constructor(
    readonly base: URL,
    readonly calib: ImageSet,
    readonly test: ImageSet,
    public model: { name: string; bytes: Uint8Array },
  ) {}

  /** Fetches the bundled model, calibration and test images from `base` (the app's `gen/` folder). */
  static async load(base: URL): Promise<App> {
    const [calib, test, bytes] = await Promise.all([
      fetchSet(new URL('calib.snnm', base)),
      fetchSet(new URL('test.snnm', base)),
      fetchBytes(new URL('model.onnx', base)),
    ]);
    return new App(base, calib, test, { name: 'tutorial CNN (bundled)', bytes });
  }

  /** Starts a backend: strictly the one named, or the first of WebGPU → wasm → cpu (less `skip`) for `auto`. */
  async useBackend(choice: BackendChoice, skip: BackendName[] = []): Promise<BackendReport> {
    this.release();
    const wasmPaths = new URL('wasm/', this.base).href;
    const order = AUTO_ORDER.filter((b) => !skip.includes(b));
    this.backend = await initBackend(choice === 'auto' ? { order, wasmPaths } : { order: [choice], strict: true, wasmPaths });
    return this.backend;
  }

  /** Imports the current model and converts it with `mode` on the current backend. */
  async convert(mode: string): Promise<Prepared> {
    if (!this.backend) throw new Error('start a backend first');
    this.release();
    this.mode = mode;
    const p = await prepareModel(this.model.bytes, this.calib, mode);
    // A backend can fail without throwing (tfjs-webgpu's synchronous reads may return zeros and lose
    // the device): one asynchronous read of the ANN's output brings such a failure out here.
    try {
      await annOutputs(p.ann, pick(this.calib, [0]), 1, this.calib.shape);
    } catch (e) {
      disposeGraphs(p.ann, p.snn);
      throw new Error(`reading back after the conversion failed: ${(e as Error).message.split('\n')[0]}`);
    }
    this.prepared = p;
    return p;
  }

  /** Frees the converted model's tensors (before a backend switch or a new conversion). */
  release(): void {
    if (this.prepared) disposeGraphs(this.prepared.ann, this.prepared.snn);
    this.prepared = undefined;
  }
}

/** One line saying which backend runs and why the ones before it did not. */
export function describeBackend(r: BackendReport): string {
  const chosen = r.attempts.find((a) => a.ok);
  const skipped = r.attempts.filter((a) => !a.ok).map((a) => `${a.name} unavailable: ${a.reason}`);
  return `${r.backend}${chosen?.reason ? ` (${chosen.reason})` : ''}${skipped.length ? ` — fell back: ${skipped.join('; ')}` : ''}`;
}
