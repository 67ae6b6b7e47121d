import type { Figure } from '../demo/figures.js';
import { htmlTable, writeReport } from '../demo/report.js';
import type { SweepRow } from './cell.js';
import { sweepDisplay } from './table.js';

/** One curve per model × mode × seed, points in the order of T. */
function curves(rows: readonly SweepRow[]): Array<{ name: string; rows: SweepRow[] }> {
  const by = new Map<string, SweepRow[]>();
  for (const r of rows) {
    const key = `${r.model} ${r.mode}${r.seed === null ? '' : ` seed ${r.seed}`}`;
    by.set(key, [...(by.get(key) ?? []), r]);
  }
  return [...by].map(([name, rs]) => ({ name, rows: rs.sort((a, b) => a.T - b.T) }));
}

/** Accuracy vs T and accuracy vs SOPs per image, one line per model × recipe (× seed). */
export async function sweepFigures(rows: readonly SweepRow[]): Promise<Figure[]> {
  const cs = curves(rows);
  const Ts = [...new Set(rows.map((r) => r.T))];
  const common = { legendTitle: 'model, mode', legend: 'right' as const, width: 520, height: 320 };
  const span = (v: number[]): [number, number] => [Math.min(...v), Math.max(...v)];
  const sops = rows.map((r) => r.sopsPerImage / 1e6);
  const sopsLog = sops.every((v) => v > 0) && span(sops)[0] < span(sops)[1]; // a log axis needs positive, distinct values
  const { lineChart } = await import('@snn/viz'); // vega loads only when a figure is drawn
  const vsT = await lineChart({
    ...common,
    series: cs.map((c) => ({ name: c.name, x: c.rows.map((r) => r.T), y: c.rows.map((r) => 100 * r.accuracy) })),
    title: 'SNN test accuracy vs simulation steps',
    xLabel: 'time steps T (log scale)',
    yLabel: 'accuracy (%)',
    xLog: Ts.length > 1,
    ...(Ts.length > 1 ? { xDomain: span(Ts) } : {}),
  });
  const vsSops = await lineChart({
    ...common,
    series: cs.map((c) => ({ name: c.name, x: c.rows.map((r) => r.sopsPerImage / 1e6), y: c.rows.map((r) => 100 * r.accuracy) })),
    title: 'SNN test accuracy vs synaptic operations',
    xLabel: `million SOPs per image${sopsLog ? ' (log scale)' : ''}`,
    yLabel: 'accuracy (%)',
    xLog: sopsLog,
    ...(sopsLog ? { xDomain: span(sops) } : {}),
  });
  const n = rows[0]?.n ?? 0;
  return [
    { name: 'accuracy-vs-t', title: 'Accuracy vs T', caption: `Each recipe's accuracy on ${n} test images at T = ${Ts.join(', ')}.`, svg: vsT },
    {
      name: 'accuracy-vs-sops',
      title: 'Accuracy vs SOPs',
      caption: 'The same points against the synaptic operations per image up to each T (spikes times fan-out, the synapticOps monitor).',
      svg: vsSops,
    },
  ];
}

/** Writes the sweep's report (both figures as SVG and PNG, the table, index.html) into `dir`. */
export async function writeSweepReport(dir: string, rows: readonly SweepRow[]): Promise<string[]> {
  const { head, body } = sweepDisplay(rows);
  const table = htmlTable(head, body);
  return writeReport(dir, {
    title: 'snn sweep',
    intro: `${new Set(rows.map((r) => r.model)).size} model(s) × ${new Set(rows.map((r) => r.mode)).size} recipe(s) on ${rows[0]?.n ?? 0} test images.`,
    sections: [{ heading: 'Results', tables: [table], figures: await sweepFigures(rows) }],
  });
}
