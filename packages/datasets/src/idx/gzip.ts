import type { Gunzip } from '../types.js';
import { IdxFormatError } from './error.js';

/** True when the bytes start with the gzip magic `1f 8b`. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Inflates gzip with the web platform's `DecompressionStream` (browsers, Deno, Node ≥ 18), so the
 * default entry needs no Node built-in.
 */
export const gunzipWeb: Gunzip = async (bytes) => {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
};

/**
 * Returns the bytes inflated when they are gzip (detected by magic, whatever the file name says),
 * unchanged otherwise.
 *
 * @param file name used in errors
 * @throws IdxFormatError when gzip data is corrupt or cut short
 */
export async function inflateIfGzip(bytes: Uint8Array, file: string, gunzip: Gunzip = gunzipWeb): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    return await gunzip(bytes);
  } catch (e) {
    throw new IdxFormatError(file, `corrupt or truncated gzip data (${(e as Error).message})`);
  }
}
