// No import circles inside @snn/cli's sources: every relative import, static or dynamic, type-only or
// not, read with TypeScript's own pre-processor (ts.preProcessFile), and the graph searched for a cycle.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..', 'src');

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );

/** file → the files of src/ it imports (`./x.js` is `./x.ts`). */
function importGraph(files: string[]): Map<string, string[]> {
  const known = new Set(files);
  return new Map(
    files.map((f) => [
      f,
      ts
        .preProcessFile(readFileSync(f, 'utf8'), true, true)
        .importedFiles.map((i) => i.fileName)
        .filter((s) => s.startsWith('.'))
        .map((s) => resolve(dirname(f), s).replace(/\.js$/, '.ts'))
        .filter((t) => known.has(t)),
    ]),
  );
}

/** One import cycle per strongly tied group found by depth-first search (file names relative to src/), or none. */
function cycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const found: string[][] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    path.push(f);
    for (const t of graph.get(f) ?? []) {
      if (state.get(t) === 'open') found.push([...path.slice(path.indexOf(t)), t].map((p) => relative(SRC, p)));
      else if (!state.has(t)) visit(t);
    }
    path.pop();
    state.set(f, 'done');
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
  return found;
}

describe('@snn/cli imports', () => {
  it('finds a cycle when there is one (the search itself)', () => {
    const g = new Map([
      [join(SRC, 'a.ts'), [join(SRC, 'b.ts')]],
      [join(SRC, 'b.ts'), [join(SRC, 'c.ts')]],
      [join(SRC, 'c.ts'), [join(SRC, 'a.ts')]],
      [join(SRC, 'd.ts'), [join(SRC, 'a.ts')]],
    ]);
    expect(cycles(g)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });

  it('reads dynamic and type-only imports', () => {
    const found = ts.preProcessFile("import type { A } from './a.js';\nconst m = await import('./b.js');", true, true).importedFiles;
    expect(found.map((i) => i.fileName)).toEqual(['./a.js', './b.js']);
  });

  it('has no import circle in src/ (evaluate ↔ queue was one)', () => {
    const graph = importGraph(sources(SRC));
    expect(graph.size).toBeGreaterThan(50);
    expect(cycles(graph)).toEqual([]);
  });
});
