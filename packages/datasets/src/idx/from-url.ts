import type { Dataset, Gunzip } from '../types.js';
import { MNIST_FILES } from './files.js';
import { parseIdxSplit } from './split.js';

/** Options of {@link loadIdxFromUrl}. */
export interface IdxUrlOptions {
  /** Append `.gz` to the file names (default true). Content is sniffed either way. */
  gz?: boolean;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Decompresses a gzip file; defaults to the platform's `DecompressionStream('gzip')`. */
  gunzip?: Gunzip;
}

/**
 * Fetches the four MNIST-named IDX files below a base URL and parses them (browser-safe).
 *
 * @example const { train, test } = await loadIdxFromUrl('/data/fashion-mnist/');
 */
export async function loadIdxFromUrl(baseUrl: string, options: IdxUrlOptions = {}): Promise<Dataset> {
  const get = options.fetch ?? fetch;
  const suffix = options.gz === false ? '' : '.gz';
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const load = async (name: string) => {
    const file = `${base}${name}${suffix}`;
    const res = await get(file);
    if (!res.ok) throw new Error(`${file}: HTTP ${res.status} ${res.statusText}`);
    return { bytes: new Uint8Array(await res.arrayBuffer()), file };
  };
  const [ti, tl, vi, vl] = await Promise.all([MNIST_FILES.trainImages, MNIST_FILES.trainLabels, MNIST_FILES.testImages, MNIST_FILES.testLabels].map(load));
  return { train: await parseIdxSplit(ti, tl, options.gunzip), test: await parseIdxSplit(vi, vl, options.gunzip) };
}
