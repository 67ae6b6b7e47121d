// Docs that run: every code block of the root and package READMEs is executed against the built
// packages (js/ts and blocks marked `run`; the others must say `no-run: <why>`), and the tables that
// describe code — supported ONNX ops, `snn` options, named recipes — are checked against it.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { listCommands } from '@snn/cli';
import { recipeNames } from '@snn/converter';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { codeBlocks } from '../readme/blocks.mjs';
// @ts-expect-error plain ESM helper without types
import { README_FILES as OPS_FILES, withTable } from '../readme/ops-table.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'packages', 'onnx', 'test', 'fixtures');
/** Inside tools/, so that the blocks resolve @snn/* and tfjs from tools' own dependencies. */
const WORK = join(ROOT, 'tools', '.tmp', 'readme');
const READMES = ['README.md', ...readdirSync(join(ROOT, 'packages')).map((p) => `packages/${p}/README.md`)].filter((f) => existsSync(join(ROOT, f)));

interface Block {
  file: string;
  line: number;
  lang: string;
  run: boolean;
  reason?: string;
  code: string;
  problem?: string;
}

/** A folder holding what the READMEs' examples name: model.onnx (the tutorial CNN from PyTorch), in.json, an `snn` on PATH. */
function workDir(name: string): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = join(WORK, name.replace(/[^a-z0-9]+/gi, '-'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'bin'), { recursive: true });
  cpSync(join(FIXTURES, 'mnist_cnn_mnist.onnx'), join(dir, 'model.onnx'));
  const ref = JSON.parse(readFileSync(join(FIXTURES, 'mnist_cnn_mnist.reference.json'), 'utf8'));
  const per = ref.inputs.data.length / ref.inputs.shape[0];
  writeFileSync(join(dir, 'in.json'), JSON.stringify({ shape: [4, ...ref.inputs.shape.slice(1)], data: ref.inputs.data.slice(0, 4 * per) }));
  writeFileSync(join(dir, 'bin', 'snn'), `#!/bin/sh\nexec node ${JSON.stringify(join(ROOT, 'packages', 'cli', 'dist', 'bin.js'))} "$@"\n`, { mode: 0o755 });
  return { dir, env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}` } };
}

/** Runs one block in `dir`; returns an error text, or undefined when it exits 0. */
function runBlock(b: Block, dir: string, env: NodeJS.ProcessEnv, k: number): string | undefined {
  const opts = { cwd: dir, env, encoding: 'utf8' as const, timeout: 240_000, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };
  try {
    if (b.lang === 'js' || b.lang === 'ts' || b.lang === 'javascript' || b.lang === 'typescript') {
      const js = transformSync(b.code, { loader: b.lang.startsWith('t') ? 'ts' : 'js', format: 'esm' }).code;
      writeFileSync(join(dir, `block-${k}.mjs`), js);
      execFileSync('node', [`block-${k}.mjs`], opts);
    } else if (b.lang === 'sh' || b.lang === 'bash') execFileSync('bash', ['-euo', 'pipefail', '-c', b.code], opts);
    else if (b.lang === 'python') {
      writeFileSync(join(dir, `block-${k}.py`), b.code);
      execFileSync('/usr/bin/python3', [`block-${k}.py`], opts);
    } else return `no runner for ${b.lang} blocks`;
    return undefined;
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    return (err.stderr || err.stdout || err.message).trim().split('\n').slice(-6).join('\n');
  }
}

describe('README code blocks', () => {
  it('every block says how it is checked (run, or no-run with a reason)', () => {
    const problems = READMES.flatMap((f) => (codeBlocks(join(ROOT, f)) as Block[]).filter((b) => b.problem).map((b) => `${f}:${b.line}: ${b.problem}`));
    expect(problems).toEqual([]);
  });

  for (const file of READMES) {
    const blocks = (codeBlocks(join(ROOT, file)) as Block[]).filter((b) => b.run);
    it.skipIf(blocks.length === 0)(
      `${file}: its ${blocks.length} runnable block(s) run against the built packages`,
      () => {
        const { dir, env } = workDir(file);
        const failures = blocks.map((b, k) => [b, runBlock(b, dir, env, k)] as const).filter(([, e]) => e !== undefined);
        expect(failures.map(([b, e]) => `${relative(ROOT, b.file)}:${b.line} (${b.lang}): ${e}`)).toEqual([]);
      },
      900_000,
    );
  }
});

describe('README tables that describe code', () => {
  it('the supported-ops tables are what @snn/onnx registers (regenerate: node tools/readme/ops-table.mjs)', () => {
    for (const f of OPS_FILES as string[]) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      expect(withTable(text, f), f).toBe(text);
    }
  });

  it('the options table lists every option of snn convert and snn eval, and no other', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('<!-- options:'), readme.indexOf('### Modes'));
    const documented = [...table.matchAll(/^\| `--([\w-]+)[^`]*`(?:, `--([\w-]+))?/gm)].flatMap((m) => m.slice(1).filter(Boolean)).sort();
    const commands = listCommands().filter((c) => c.name === 'convert' || c.name === 'eval');
    const actual = [...new Set([...commands.flatMap((c) => Object.keys(c.options ?? {})), 'backend', 'verbose', 'help', 'profile'])].sort();
    expect(documented).toEqual(actual);
    // and which command takes which
    for (const c of commands) {
      const col = c.name === 'convert' ? 2 : 3;
      for (const o of Object.keys(c.options ?? {})) {
        const row = table.split('\n').find((l) => new RegExp(`^\\| (\`--[\\w-]+[^\`]*\`, )?\`--${o}[ \`]`).test(l)) as string;
        expect(row.split(/(?<!\\)\|/)[col].trim(), `--${o} for ${c.name}`).toMatch(/^✓/);
      }
    }
  });

  it('the modes table names every registered recipe', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('### Modes'), readme.indexOf('### Supported ONNX ops'));
    for (const name of recipeNames()) expect(table, name).toContain(`| \`${name}\``);
  });
});
