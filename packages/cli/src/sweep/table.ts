import type { SweepRow } from './cell.js';

/** Column order of the sweep table (JSON keys, CSV header). */
export const SWEEP_COLUMNS: readonly (keyof SweepRow)[] = ['model', 'mode', 'seed', 'T', 'n', 'correct', 'accuracy', 'sopsPerImage', 'annMacsPerImage'];

const csvCell = (v: unknown): string => {
  const s = v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The table as CSV (RFC 4180 quoting), numbers exactly as JSON writes them. */
export function sweepCsv(rows: readonly SweepRow[]): string {
  return `${[SWEEP_COLUMNS.join(','), ...rows.map((r) => SWEEP_COLUMNS.map((c) => csvCell(r[c])).join(','))].join('\n')}\n`;
}

/** The table as display cells: accuracy in %, SOPs in millions per image (terminal and HTML). */
export function sweepDisplay(rows: readonly SweepRow[]): { head: string[]; body: string[][] } {
  const head = ['model', 'mode', 'seed', 'T', 'accuracy %', 'MSOPs/image'];
  const body = rows.map((r) => [
    r.model,
    r.mode,
    r.seed === null ? 'analog' : String(r.seed),
    String(r.T),
    (100 * r.accuracy).toFixed(2),
    (r.sopsPerImage / 1e6).toFixed(3),
  ]);
  return { head, body };
}

/** The table for a terminal, text columns left-aligned and numbers right-aligned. */
export function sweepText(rows: readonly SweepRow[]): string {
  const { head, body } = sweepDisplay(rows);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  return `${[line(head), ...body.map(line)].join('\n')}\n`;
}
