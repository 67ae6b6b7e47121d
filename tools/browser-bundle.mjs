// Bundles a module as a browser app would (esbuild, platform browser: the `browser`/`import`/
// `default` export conditions, never `node`) and lists every Node built-in it reaches, with who
// imports it. Used by the install-alone checks on the packed packages.
// Usage: node tools/browser-bundle.mjs <module or file> [cwd]   → JSON, exit 1 when built-ins are found
import { rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/**
 * Bundles one entry file as a browser app would and records every Node built-in it reaches (they
 * are left external, with who imports them), instead of failing on the first. `conditions` adds
 * export conditions (the packages' own tests pass `snn-source` to bundle their TypeScript sources);
 * `external` modules (default: tfjs, which the app brings) are not followed.
 *
 * @returns `{ ok, builtins: [{ module, importer }], errors, inputs, code, bytes }`; ok = no built-in and no error
 */
export async function bundleForBrowser(entry, { cwd = process.cwd(), external = ['@tensorflow/*'], conditions = [] } = {}) {
  cwd = resolve(cwd);
  const builtins = [];
  const recordBuiltins = {
    name: 'record-node-builtins',
    setup(b) {
      b.onResolve({ filter: /^[a-z_:]/ }, (a) => {
        if (!BUILTINS.has(a.path)) return undefined;
        const at = a.importer.lastIndexOf('node_modules/');
        builtins.push({ module: a.path.replace(/^node:/, ''), importer: at >= 0 ? a.importer.slice(at + 13) : relative(cwd, a.importer) });
        return { path: a.path, external: true };
      });
    },
  };
  try {
    const r = await build({
      entryPoints: [entry],
      absWorkingDir: cwd,
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      write: false,
      metafile: true,
      logLevel: 'silent',
      external,
      conditions,
      plugins: [recordBuiltins],
    });
    const code = r.outputFiles[0].text;
    return { ok: builtins.length === 0, builtins, errors: [], inputs: Object.keys(r.metafile.inputs), code, bytes: r.outputFiles[0].contents.length };
  } catch (e) {
    const errors = e.errors?.map((x) => `${x.location?.file ?? ''}: ${x.text}`) ?? [String(e)];
    return { ok: false, builtins, errors, inputs: [], code: '', bytes: 0 };
  }
}

/**
 * Bundles `export * from '<specifier>'` resolved from `cwd` (so every export is kept and tree
 * shaking cannot hide an import): how the install-alone checks test a packed package.
 */
export async function browserBundle(specifier, { cwd = process.cwd(), external = ['@tensorflow/*'] } = {}) {
  const entry = join(resolve(cwd), `.browser-bundle-entry-${process.pid}.mjs`);
  writeFileSync(entry, `export * from ${JSON.stringify(specifier)};\n`);
  try {
    return await bundleForBrowser(entry, { cwd, external });
  } finally {
    rmSync(entry, { force: true });
  }
}

if (process.argv[1] === import.meta.filename) {
  const [specifier, cwd = '.'] = process.argv.slice(2);
  const r = await browserBundle(specifier, { cwd });
  console.log(JSON.stringify({ ...r, inputs: r.inputs.length }, null, 2));
  process.exitCode = r.ok ? 0 : 1;
}
