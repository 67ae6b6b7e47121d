// Packs workspace packages into tarballs and installs one of them, alone, into an empty project
// outside the workspace, with only the given extra dependencies; then runs a snippet there.
// Usage: node tools/pack-install.mjs <pkg> '<extra deps JSON>' '<ESM snippet>'
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Packs @snn/<name> and every @snn package it depends on; returns {name: tarball path}. */
export function packWithDeps(name, outDir, seen = {}) {
  if (seen[`@snn/${name}`]) return seen;
  const pkgDir = join(root, 'packages', name);
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const before = new Set(readdirSync(outDir));
  run('pnpm', ['pack', '--pack-destination', outDir], pkgDir);
  const tgz = readdirSync(outDir).find((f) => !before.has(f) && f.endsWith('.tgz'));
  seen[pkg.name] = join(outDir, tgz);
  for (const dep of Object.keys(pkg.dependencies ?? {})) if (dep.startsWith('@snn/')) packWithDeps(dep.slice(5), outDir, seen);
  return seen;
}

/** Installs the packed package into a fresh project and runs `snippet` there; returns its stdout. */
export function installAlone(name, extraDeps, snippet) {
  const dir = mkdtempSync(join(tmpdir(), `snn-install-${name}-`));
  const tarballs = packWithDeps(name, dir);
  const deps = { ...extraDeps };
  for (const [n, t] of Object.entries(tarballs)) deps[n] = `file:${t}`;
  const overrides = Object.fromEntries(Object.entries(tarballs).map(([n, t]) => [n, `file:${t}`]));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: deps, pnpm: { overrides } }, null, 2),
  );
  // pnpm ≥ 10 reads overrides only from pnpm-workspace.yaml: they point @snn deps of @snn deps at the tarballs too.
  const overrideLines = Object.entries(overrides)
    .map(([n, t]) => `  ${JSON.stringify(n)}: ${JSON.stringify(t)}\n`)
    .join('');
  writeFileSync(
    join(dir, 'pnpm-workspace.yaml'),
    `packages: []\nallowBuilds:\n  esbuild: true\n  "@resvg/resvg-js": true\n  protobufjs: false\n  core-js: false\n  msgpackr-extract: false\n${overrideLines ? `overrides:\n${overrideLines}` : ''}`,
  );
  run('pnpm', ['install', '--prefer-offline', '--config.auto-install-peers=false'], dir);
  writeFileSync(join(dir, 'main.mjs'), snippet);
  return { dir, stdout: run('node', ['main.mjs'], dir) };
}

if (process.argv[1] === import.meta.filename) {
  const [name, extra, snippet] = process.argv.slice(2);
  const { dir, stdout } = installAlone(name, JSON.parse(extra), snippet);
  console.log(`installed in ${dir}\n${stdout}`);
}
