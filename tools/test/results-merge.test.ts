// `pnpm results --only <id>` runs write docs/RESULTS.md at the same time: each must replace only its own
// section of the file as it is on disk, keep sections it does not know, and lose no other run's write.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { marker, mergeSection, sectionIds, updateFile, withHeader } from '../results/merge.mjs';

const MERGE = resolve(import.meta.dirname, '..', 'results', 'merge.mjs');
const block = (id: string, body: string) => `${marker(id)[0]}\n## ${id}\n\n${body}\n${marker(id)[1]}`;
const doc = (...ids: string[]) => `# Head\n\n${ids.map((id) => block(id, `old ${id}`)).join('\n\n')}\n`;

describe('mergeSection', () => {
  it('replaces the section in place and keeps every other byte', () => {
    const before = doc('a', 'b', 'c');
    const after = mergeSection(before, 'b', block('b', 'new b'), ['a', 'b', 'c']);
    expect(after).toBe(before.replace('old b', 'new b'));
  });

  it('keeps sections this checkout does not know (another engineer added them)', () => {
    const after = mergeSection(doc('a', 'x', 'b'), 'b', block('b', 'new b'), ['a', 'b']);
    expect(sectionIds(after)).toEqual(['a', 'x', 'b']);
    expect(after).toContain('old x');
    expect(after).toContain('new b');
  });

  it('inserts a missing section before the next known one in order, or at the end', () => {
    expect(sectionIds(mergeSection(doc('a', 'c'), 'b', block('b', 'new'), ['a', 'b', 'c']))).toEqual(['a', 'b', 'c']);
    expect(sectionIds(mergeSection(doc('a', 'c'), 'd', block('d', 'new'), ['a', 'c', 'd']))).toEqual(['a', 'c', 'd']);
    expect(sectionIds(mergeSection('', 'a', block('a', 'new'), ['a']))).toEqual(['a']);
  });

  it('withHeader replaces only the text before the first section', () => {
    const after = withHeader(doc('a'), '# New head\n');
    expect(after.startsWith('# New head\n\n<!-- results:a -->')).toBe(true);
    expect(after).toContain('old a');
  });
});

describe('updateFile', () => {
  it('loses no write when two processes update different sections of one file at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'results-merge-'));
    const file = join(dir, 'RESULTS.md');
    writeFileSync(file, doc('a', 'b'));
    const N = 40;
    const writer = (id: string) =>
      new Promise<number | null>((done) => {
        const code = `
          const { updateFile, mergeSection, marker } = await import(${JSON.stringify(MERGE)});
          for (let k = 1; k <= ${N}; k++) {
            updateFile(${JSON.stringify(file)}, (t) => {
              const n = Number(/${id}=(\\d+)/.exec(t)?.[1] ?? 0);
              // a read-modify-write with a pause inside: without the lock, the other writer's update in between is lost
              Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
              return mergeSection(t, '${id}', marker('${id}')[0] + '\\n${id}=' + (n + 1) + '\\n' + marker('${id}')[1], ['a', 'b']);
            });
          }`;
        spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: 'inherit' }).on('exit', done);
      });
    expect(await Promise.all([writer('a'), writer('b')])).toEqual([0, 0]);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`a=${N}`);
    expect(text).toContain(`b=${N}`);
    expect(text.startsWith('# Head')).toBe(true);
  });

  it('creates the file when it does not exist', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'results-merge-')), 'RESULTS.md');
    updateFile(file, (t: string) => `${t}x`);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });
});
