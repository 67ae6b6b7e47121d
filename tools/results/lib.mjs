// Helpers for the results sections: run a command (printing it), read SpikingJelly's figures from docs/ANCHORS.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');
export const fixture = (name) => `packages/onnx/test/fixtures/${name}`;
const bin = 'packages/cli/dist/bin.js';

/**
 * With RESULTS_LOCK=<file> (a machine several people share), every command runs under `flock <file>`:
 * one heavy command at a time, and a whole `pnpm results` takes turns with other work instead of
 * holding the machine for its full length.
 */
const LOCK = process.env.RESULTS_LOCK;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
/** Seconds spent so far waiting for RESULTS_LOCK (not the commands' own time). */
export const lockWait = { seconds: 0 };

/**
 * Runs a command from the repository root, printing it first (to stderr, and into the log), then its
 * wall and CPU seconds (from /usr/bin/time, where there is one) and any time spent waiting for
 * RESULTS_LOCK; returns stdout.
 */
export function run(argv, log) {
  const line = argv.map((a) => (/^[\w@%./,=:-]+$/.test(a) ? a : `'${a}'`)).join(' ');
  process.stderr.write(`$ ${line}\n`);
  log.push(line);
  const dir = TIME && mkdtempSync(join(tmpdir(), 'results-'));
  const timed = TIME ? [TIME, '-o', join(dir, 'time'), '-f', '%e %U %S', ...argv] : argv;
  const full = LOCK ? ['flock', LOCK, ...timed] : timed;
  const t0 = performance.now();
  const r = spawnSync(full[0], full.slice(1), { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'inherit'] });
  const wall = (performance.now() - t0) / 1000;
  if (TIME) {
    const [e, u, sy] = (existsSync(join(dir, 'time')) ? readFileSync(join(dir, 'time'), 'utf8').trim().split('\n').at(-1) : '').split(' ').map(Number);
    rmSync(dir, { recursive: true, force: true });
    if (Number.isFinite(e) && LOCK) lockWait.seconds += Math.max(0, wall - e);
    if (Number.isFinite(e))
      process.stderr.write(`  (${e.toFixed(1)} s wall, ${(u + sy).toFixed(1)} CPU-s${LOCK ? `, ${(wall - e).toFixed(0)} s waiting for ${LOCK}` : ''})\n`);
  }
  if (r.status !== 0) throw new Error(`${line}: exit ${r.status}${r.signal ? ` (${r.signal})` : ''}`);
  return r.stdout;
}

/** `snn …` (the built bin, as the README says to run it) with `--json`; returns its parsed JSON. The printed line reads `snn …`. */
export function snn(args, log) {
  const out = run(['node', bin, ...args, '--json'], log);
  log[log.length - 1] = log[log.length - 1].replace(`node ${bin}`, 'snn');
  return JSON.parse(out.trim().split('\n').at(-1));
}

/** Accuracy (0..1) as a percentage with two decimals. */
export const pct = (a) => (100 * a).toFixed(2);

/** The markdown lines of the commands a table came from. */
export const commands = (log) => ['```sh', ...log, '```'].join('\n');

/**
 * The rows of the markdown table that follows `heading` in docs/ANCHORS.md (SpikingJelly's figures,
 * copied from the project's shared notes with their source): `{ head: [...], rows: [[...], ...] }`.
 */
export function anchorTable(heading) {
  const text = readFileSync(join(root, 'docs', 'ANCHORS.md'), 'utf8');
  const at = text.indexOf(heading);
  if (at < 0) throw new Error(`docs/ANCHORS.md has no '${heading}'`);
  const lines = text.slice(at).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const table = [];
  for (const l of lines.slice(first)) {
    if (!l.startsWith('|')) break;
    table.push(
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim().replace(/\*\*/g, '')),
    );
  }
  return { head: table[0], rows: table.slice(2) };
}

/** A markdown table from a header and rows. */
export const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
