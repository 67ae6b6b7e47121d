// The main thread's side: fetching the bundled files and connecting to the worker that computes.
// No tfjs here.
import type { BackendReport } from '@snn/backend';
import { decodeDigitSet, inflateIfGzip } from '@snn/datasets';
import { type Remote, wrap } from 'comlink';
import { digitSetImages, type ImageSet } from './pipeline.js';
import type { SnnApi } from './worker-api.js';

/** What the page starts with: the tutorial CNN and its MNIST calibration and test images. */
export interface Bundled {
  calib: ImageSet;
  test: ImageSet;
  model: { name: string; bytes: Uint8Array };
}

async function fetchBytes(url: URL): Promise<Uint8Array> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url.pathname}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

async function fetchSet(url: URL): Promise<ImageSet> {
  return digitSetImages(decodeDigitSet(await inflateIfGzip(await fetchBytes(url), url.pathname), url.pathname));
}

/** Fetches the bundled model, calibration and test images from `base` (the app's `gen/` folder). */
export async function loadBundled(base: URL): Promise<Bundled> {
  const [calib, test, bytes] = await Promise.all([
    fetchSet(new URL('calib.snnm', base)),
    fetchSet(new URL('test.snnm', base)),
    fetchBytes(new URL('model.onnx', base)),
  ]);
  return { calib, test, model: { name: 'tutorial CNN (bundled)', bytes } };
}

/**
 * The computing side: a Web Worker running {@link SnnApi} (default), or, with `inWorker` false,
 * the same object in this thread, loaded on demand (for comparison: then every run blocks the page).
 */
export async function connect(inWorker: boolean): Promise<Remote<SnnApi>> {
  if (!inWorker) return new (await import('./worker-api.js')).SnnApi() as unknown as Remote<SnnApi>;
  return wrap<SnnApi>(new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'snn' }));
}

/** One line saying which backend runs and why the ones before it did not. */
export function describeBackend(r: BackendReport): string {
  const chosen = r.attempts.find((a) => a.ok);
  const skipped = r.attempts.filter((a) => !a.ok).map((a) => `${a.name} unavailable: ${a.reason}`);
  return `${r.backend}${chosen?.reason ? ` (${chosen.reason})` : ''}${skipped.length ? ` — fell back: ${skipped.join('; ')}` : ''}`;
}
