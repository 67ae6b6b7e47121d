import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../helpers/run.js';
import { type ConformanceCase, loadCases } from './cases.js';
import { runCase, type Verdict } from './run-case.js';
import { refusalTable, summaryLine, tally } from './table.js';

const TABLE = join(import.meta.dirname, 'refusals.md');
const README = join(import.meta.dirname, '..', '..', 'README.md');

describe("ONNX's backend node test cases", () => {
  let results: Array<{ c: ConformanceCase; v: Verdict }> = [];
  beforeAll(async () => {
    await useBackend('wasm');
    results = loadCases().map((c) => ({ c, v: runCase(c) }));
    if (process.env.SNN_UPDATE_CONFORMANCE) writeFileSync(TABLE, refusalTable(results));
  }, 300_000);

  it('no case is computed wrong or crashes the importer', () => {
    const bad = results.filter((r) => r.v.kind === 'wrong' || r.v.kind === 'crash').map((r) => `${r.c.name}: ${JSON.stringify(r.v)}`);
    expect(bad).toEqual([]);
  });

  it('at least 80 % of the in-scope cases pass', () => {
    const s = tally(results.filter((r) => r.c.inScope));
    expect(s.cases).toBeGreaterThan(100);
    expect(s.pass / s.cases).toBeGreaterThanOrEqual(0.8);
  });

  it("the checked-in table (refusals.md) is this run's, and the README states its pass count", () => {
    expect(existsSync(TABLE)).toBe(true);
    expect(readFileSync(TABLE, 'utf8')).toBe(refusalTable(results));
    const line = summaryLine(results);
    expect(readFileSync(README, 'utf8').replace(/\s+/g, ' ').includes(line), `README.md should state: ${line}`).toBe(true);
  });
});
