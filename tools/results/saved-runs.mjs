// `snn … --json` runs whose output one section writes to a file and another reads back instead of running
// the same command again (the max-pool section reads the auto section's three max-pool rows). A saved run
// is read back only when the command and a fingerprint of everything `snn` runs (every package's sources
// and fixtures, the lockfile, Node's version) are the ones it was made with (`<file>.key`); else it reruns.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { root, snn } from './lib.mjs';
import { sourcesFingerprint } from './model-cache.mjs';

/** The folder of saved runs (inside the checkout's ignored .tmp/). */
export const RUNS = '.tmp/results/runs';

/** What a saved run depends on: the command, the sources of every package (tests excluded) and fixtures, the lockfile, Node. */
const keyOf = (args) => ({ command: `snn ${args.join(' ')} --json`, sources: sourcesFingerprint(['packages', 'pnpm-lock.yaml'], null), node: process.version });

/** `snn <args> --json` (lib.mjs `snn`), its JSON also written to `out` with `out`.key; the printed line reads `snn … --json > out`. */
export function snnSaved(args, log, out) {
  const key = keyOf(args);
  const r = snn(args, log);
  mkdirSync(dirname(join(root, out)), { recursive: true });
  writeFileSync(join(root, out), `${JSON.stringify(r)}\n`);
  writeFileSync(join(root, `${out}.key`), `${JSON.stringify({ ...key, at: new Date().toISOString().slice(0, 16).replace('T', ' ') }, null, 1)}\n`);
  log[log.length - 1] += ` > ${out}`;
  return r;
}

/**
 * The JSON {@link snnSaved} wrote to `out` for this command on today's sources, without running it again
 * (the printed line says where it came from), or {@link snnSaved}'s when there is none or the key differs.
 */
export function snnReused(args, log, out, by) {
  const key = keyOf(args);
  const old = existsSync(join(root, `${out}.key`)) ? JSON.parse(readFileSync(join(root, `${out}.key`), 'utf8')) : undefined;
  if (old && old.command === key.command && old.sources === key.sources && old.node === key.node && existsSync(join(root, out))) {
    log.push(`${key.command} > ${out}   # reused: run ${old.at} UTC${by ? ` by ${by}` : ''}, same sources (tools/results/saved-runs.mjs)`);
    process.stderr.write(`$ ${log.at(-1)}\n`);
    return JSON.parse(readFileSync(join(root, out), 'utf8'));
  }
  return snnSaved(args, log, out);
}
