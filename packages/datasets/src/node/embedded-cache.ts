import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DigitSet, decodeDigitSet, encodeDigitSet } from '../embedded/binary.js';

/**
 * Where the decoded embedded MNIST is kept between processes: `$SNN_CACHE_DIR`, else
 * `<os tmpdir>/snn-ts-cache`. The file name carries the JSON files' sizes and modification times,
 * so a changed `mnist` package is parsed again.
 */
export function digitCachePath(files: readonly string[], dir = process.env.SNN_CACHE_DIR ?? join(tmpdir(), 'snn-ts-cache')): string {
  let h = 0x811c9dc5; // FNV-1a over "size:mtime" of each file
  for (const f of files) {
    const s = statSync(f);
    for (const ch of `${f}|${s.size}:${s.mtimeMs};`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  }
  return join(dir, `mnist-digits-${h.toString(16).padStart(8, '0')}.snnm`);
}

/**
 * The digit set from the cache file when it is there and whole (`decodeDigitSet` checks magic,
 * version and length: 15.7 MB of u16, decoded in tens of ms instead of parsing 21 MB of JSON);
 * otherwise `parse()`, then written to the cache for the next process (atomically, by rename;
 * a cache that cannot be written is skipped without a word).
 */
export async function cachedDigitSet(path: string, parse: () => Promise<DigitSet>): Promise<DigitSet> {
  try {
    return decodeDigitSet(new Uint8Array(readFileSync(path)), path);
  } catch {
    // no cache yet, or a torn or stale one: parse and rewrite it
  }
  const set = await parse();
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    const part = `${path}.${process.pid}.part`;
    writeFileSync(part, encodeDigitSet(set));
    renameSync(part, path);
  } catch {
    // read-only or full temp dir: the next process parses again
  }
  return set;
}
