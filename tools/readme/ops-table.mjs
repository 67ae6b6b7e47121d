// The supported-ONNX-ops table of the READMEs, generated from @snn/onnx's handler registry so that
// it cannot drift: `node tools/readme/ops-table.mjs` rewrites it between the markers; the README
// test fails when a README's table differs from what this prints.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { supportedOps } from '@snn/onnx';

const ROOT = resolve(import.meta.dirname, '..', '..');
export const BEGIN = '<!-- supported-ops:begin -->';
export const END = '<!-- supported-ops:end -->';
/** The READMEs that carry the table. */
export const README_FILES = ['README.md', 'packages/onnx/README.md'];

/** The table as markdown, one row per registered op (sorted), from each handler's note. */
export function opsTable() {
  const esc = (s) => s.replaceAll('|', '\\|');
  const rows = supportedOps().map(({ op, note }) => `| \`${op}\` | ${esc(note)} |`);
  return ['| ONNX op | becomes (→ graph op) and what it accepts |', '|---|---|', ...rows].join('\n');
}

/** A README's text with the generated table between the markers. */
export function withTable(text, file) {
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${file}: no ${BEGIN} … ${END} markers`);
  return `${text.slice(0, a + BEGIN.length)}\n${opsTable()}\n${text.slice(b)}`;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  for (const f of README_FILES) {
    const path = join(ROOT, f);
    const text = readFileSync(path, 'utf8');
    const next = withTable(text, f);
    if (next !== text) writeFileSync(path, next);
    console.log(`${f}: ${next === text ? 'up to date' : 'table written'}`);
  }
}
