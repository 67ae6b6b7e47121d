// Helpers for the results sections: run a command (printing it), read SpikingJelly's figures from docs/ANCHORS.md.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');
export const fixture = (name) => `packages/onnx/test/fixtures/${name}`;
const bin = 'packages/cli/dist/bin.js';

/** Runs a command from the repository root, printing it first (to stderr, and into the log); returns stdout. */
export function run(argv, log) {
  const line = argv.map((a) => (/^[\w@%./,=:-]+$/.test(a) ? a : `'${a}'`)).join(' ');
  process.stderr.write(`$ ${line}\n`);
  log.push(line);
  const r = spawnSync(argv[0], argv.slice(1), { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'inherit'] });
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
