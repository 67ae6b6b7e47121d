import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { Gunzip } from '../types.js';

const inflate = promisify(gunzip);

/** Inflates gzip with Node's zlib (off the main thread, faster than `DecompressionStream`). */
export const gunzipNode: Gunzip = async (bytes) => new Uint8Array(await inflate(bytes));
