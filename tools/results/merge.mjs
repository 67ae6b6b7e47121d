// Writing one section of docs/RESULTS.md while other `pnpm results --only <id>` runs write theirs:
// each write re-reads the file under a lock and replaces only the sections that run measured.
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';

/** The two comment lines that delimit section `id` in RESULTS.md. */
export const marker = (id) => [`<!-- results:${id} -->`, `<!-- /results:${id} -->`];

/** The ids of the marked sections of `text`, in file order. */
export const sectionIds = (text) => [...text.matchAll(/<!-- results:([\w-]+) -->/g)].map((m) => m[1]);

/** The marked text of section `id` in `text` (markers included), or undefined. */
export function sectionText(text, id) {
  const [a, b] = marker(id);
  const i = text.indexOf(a);
  const j = text.indexOf(b, i);
  return i >= 0 && j > i ? text.slice(i, j + b.length) : undefined;
}

/**
 * `text` with section `id` set to `block` (which carries its markers): replaced in place when present,
 * else inserted before the first present section that comes after `id` in `order` (the sorted section
 * ids), else appended. Every other section, known to `order` or not, is kept byte for byte.
 */
export function mergeSection(text, id, block, order) {
  const now = sectionText(text, id);
  if (now !== undefined) {
    const at = text.indexOf(now);
    return text.slice(0, at) + block + text.slice(at + now.length);
  }
  const later = order.slice(order.indexOf(id) + 1).find((k) => sectionText(text, k) !== undefined);
  if (later === undefined) return `${text.replace(/\s*$/, '')}\n\n${block}\n`;
  const at = text.indexOf(marker(later)[0]);
  return `${text.slice(0, at)}${block}\n\n${text.slice(at)}`;
}

/** `text` with everything before its first section marker set to `header`. */
export function withHeader(text, header) {
  const first = text.search(/<!-- results:[\w-]+ -->/);
  return `${header.trim()}\n\n${first < 0 ? '' : text.slice(first)}`;
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Runs `update(current text) → new text` on `file` under an exclusive lock file (`file`.lock, created
 * with O_EXCL; one older than `staleMs` is a crashed writer's and is removed), writing through a
 * temporary file and a rename so that no reader sees half a file. Hand-written (a dozen lines) rather
 * than a lock library: the critical section is one synchronous read and write.
 */
export function updateFile(file, update, { staleMs = 30_000, waitMs = 60_000 } = {}) {
  const lock = `${file}.lock`;
  const t0 = Date.now();
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      try {
        if (Date.now() - statSync(lock).mtimeMs > staleMs) unlinkSync(lock);
      } catch {} // removed by its owner meanwhile
      if (Date.now() - t0 > waitMs) throw new Error(`${lock}: held for over ${waitMs / 1000} s by another writer`);
      sleep(50);
    }
  }
  try {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if (e.code !== 'ENOENT') throw e;
    }
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, update(text));
    renameSync(tmp, file);
  } finally {
    unlinkSync(lock);
  }
}
