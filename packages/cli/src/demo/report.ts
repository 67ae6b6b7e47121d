import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from './figures.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An HTML table from a header row and body rows (cells already formatted). */
export function htmlTable(head: string[], rows: string[][]): string {
  const tr = (cells: string[], tag: string) => `<tr>${cells.map((c) => `<${tag}>${esc(c)}</${tag}>`).join('')}</tr>`;
  return `<table>${tr(head, 'th')}${rows.map((r) => tr(r, 'td')).join('')}</table>`;
}

/** A report section: its heading, tables (HTML) and figures. */
export interface ReportSection {
  heading: string;
  tables?: string[];
  figures: Figure[];
}

/** Writes each figure as SVG and PNG into `dir`; returns the files written. */
export async function writeFigures(dir: string, figures: readonly Figure[]): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const { writePlot } = await import('@snn/viz'); // vega and resvg load only when a report is written
  const written: string[] = [];
  for (const f of figures) {
    const p = await writePlot(f.svg, join(dir, f.name));
    written.push(p.svg, p.png);
    await new Promise((r) => setTimeout(r, 0)); // the event loop between figures: simulations on worker threads meanwhile
  }
  return written;
}

/**
 * Writes every figure as SVG and PNG into `dir`, and `index.html` that shows them with their
 * captions. The page uses relative paths only, so it opens from disk without a server. Figures in
 * `drawn` were written before (by {@link writeFigures}): the page shows them, they are not drawn again.
 */
export async function writeReport(dir: string, o: { title: string; intro: string; sections: ReportSection[]; drawn?: ReadonlySet<Figure> }): Promise<string[]> {
  const written = await writeFigures(
    dir,
    o.sections.flatMap((s) => s.figures).filter((f) => !o.drawn?.has(f)),
  );
  const body = o.sections
    .map(
      (s) =>
        `<section><h2>${esc(s.heading)}</h2><div class="grid">${(s.tables ?? []).map((t) => `<div class="table">${t}</div>`).join('')}${s.figures
          .map(
            (f) =>
              `<figure id="${f.name}"><img src="${f.name}.svg" alt="${esc(f.title)}"><figcaption><b>${esc(f.title)}.</b> ${esc(f.caption)} <a href="${f.name}.png">PNG</a></figcaption></figure>`,
          )
          .join('\n')}</div></section>`,
    )
    .join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(o.title)}</title>
<style>
body{font-family:'DejaVu Sans',system-ui,sans-serif;margin:1.5em 2em;color:#222}
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.5em}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));gap:1em 2em;align-items:start}
figure{margin:0}figure img{max-width:100%;height:auto}.table{overflow-x:auto}
figcaption{font-size:.9em;color:#444}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}
th:first-child,td:first-child{text-align:left}
</style></head><body>
<h1>${esc(o.title)}</h1><p>${esc(o.intro)}</p>
${body}
</body></html>
`;
  const index = join(dir, 'index.html');
  writeFileSync(index, html);
  written.push(index);
  return written;
}
