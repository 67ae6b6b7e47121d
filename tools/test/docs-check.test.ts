// `pnpm docs:check` as a test, so that it counts in CI's "N passed, N failed" line: TypeDoc over every
// package with the repository's typedoc.json (warnings as errors: an export without TSDoc, a link to
// something not in the docs). `--emit none` checks without writing docs/api. A second case runs the
// same options on a throwaway package with one undocumented export, so the check is seen to catch one.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const TYPEDOC = join(root, 'node_modules', 'typedoc', 'bin', 'typedoc');

/** Runs TypeDoc with the repository's options plus `args`; its exit code and the warning lines. */
async function typedoc(args: string[]): Promise<{ code: number; warnings: string[] }> {
  const run = promisify(execFile)(process.execPath, [TYPEDOC, '--options', join(root, 'typedoc.json'), '--emit', 'none', ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    maxBuffer: 16 << 20,
  });
  const done = await run.then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
  );
  return { code: done.code, warnings: done.out.split('\n').filter((l) => /\[(warning|error)\]/.test(l)) };
}

describe('docs:check (TypeDoc, warnings as errors)', () => {
  it('every export of every package has TSDoc and every link resolves', async () => {
    const r = await typedoc([]);
    expect(r.warnings).toEqual([]);
    expect(r.code).toBe(0);
  }, 600_000);

  it('fails on an export without TSDoc (a throwaway package, same options)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-docs-check-'));
    try {
      mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'undocumented', version: '0.0.0', type: 'module' }));
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', target: 'es2022' }, include: ['src'] }));
      writeFileSync(
        join(dir, 'src', 'index.ts'),
        '/** Documented. */\nexport const documented = 1;\nexport function bare(x: number): number {\n  return x;\n}\n',
      );
      const r = await typedoc(['--entryPoints', dir]);
      expect(r.code).not.toBe(0);
      expect(r.warnings.some((w) => w.includes('bare') && w.includes('does not have any documentation'))).toBe(true);
      expect(r.warnings.some((w) => w.includes('documented (') && !w.includes('bare'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
