// Runs a TypeScript file against the workspace packages' sources (the `snn-source` condition),
// bundled with esbuild; tfjs and other registry packages stay external. For scratch scripts and
// experiments: `node tools/run-ts.mjs path/to/script.ts [args...]` (run from a package that
// depends on what the script imports, e.g. packages/cli).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const [file, ...args] = process.argv.slice(2);
const entry = resolve(file);
const outdir = join(dirname(entry), '.run');
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, basename(entry).replace(/\.ts$/, '.mjs'));
const keepExternal = {
  name: 'registry-packages-external',
  setup(b) {
    // tfjs-core's gradient files are ESM with extensionless imports: bundle that deep path only.
    // Other packages are resolved from the importing file (pnpm keeps them per package) and left external.
    b.onResolve({ filter: /^[^./]/ }, (a) => {
      if (a.path.startsWith('@snn/') || a.path.startsWith('@tensorflow/tfjs-core/dist/')) return undefined;
      if (a.path.startsWith('node:')) return { path: a.path, external: true };
      try {
        return { path: pathToFileURL(createRequire(a.importer || entry).resolve(a.path)).href, external: true };
      } catch {
        return { path: a.path, external: true };
      }
    });
  },
};
await build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile,
  conditions: ['snn-source'],
  plugins: [keepExternal],
  logLevel: 'warning',
  sourcemap: 'inline',
});
const r = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
