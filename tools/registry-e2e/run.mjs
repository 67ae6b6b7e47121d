// The packages as users get them, from a registry: starts a local npm registry (verdaccio 6.8.0, the
// last for Node 20, with node-fetch pinned to 2.7.0) on 127.0.0.1 at a free port with its storage
// in a temp folder; versions a temp copy of the workspace with `changeset version` (the repository
// is not touched) and publishes every @snn/* package to it; then, in an empty project, installs the
// converter's README line from that registry and runs the converter README's example, and runs
// `npx @snn/cli eval …` from that install. Tears everything down. Prints one JSON line.
//
// The upstream registry (for tfjs, verdaccio itself, …) is whatever npm is configured with: no
// registry host is written in this repository.
// Usage: node tools/registry-e2e/run.mjs
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const log = (s) => process.stderr.write(`registry-e2e: ${s}\n`);
const sh = (cmd, args, cwd, env = process.env, timeout = 300_000) =>
  execFileSync(cmd, args, { cwd, env, encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'] });

/** A free TCP port on 127.0.0.1. */
const freePort = () =>
  new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

/** The converter README's first js block: the example a user saves as example.mjs. */
export function converterExample() {
  const md = readFileSync(join(ROOT, 'packages', 'converter', 'README.md'), 'utf8');
  const m = /```js\n([\s\S]*?)```/.exec(md);
  if (!m) throw new Error('packages/converter/README.md has no js block');
  return m[1];
}

/** The install line of the converter README (`npm i …`). */
export function converterInstallLine() {
  const md = readFileSync(join(ROOT, 'packages', 'converter', 'README.md'), 'utf8');
  const m = /^npm i (.+)$/m.exec(md);
  if (!m) throw new Error('packages/converter/README.md has no `npm i …` line');
  return m[1].trim().split(/\s+/);
}

/** Copies what publishing needs (manifests, dist, src, READMEs, changesets) into `dir`. */
function copyWorkspace(dir) {
  for (const f of ['package.json', 'pnpm-workspace.yaml', '.changeset']) cpSync(join(ROOT, f), join(dir, f), { recursive: true });
  const names = readdirSync(join(ROOT, 'packages')).filter((p) => existsSync(join(ROOT, 'packages', p, 'package.json')));
  for (const p of names) {
    const from = join(ROOT, 'packages', p);
    if (!existsSync(join(from, 'dist'))) throw new Error(`packages/${p}/dist is missing: run pnpm build first`);
    cpSync(from, join(dir, 'packages', p), { recursive: true, filter: (src) => !src.includes('node_modules') && !src.endsWith('.turbo') });
  }
  // changeset version also bumps private workspace packages that depend on these; keep them out
  writeFileSync(join(dir, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
  return names;
}

async function waitFor(url, ms, died) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (died()) throw new Error(died());
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

export async function registryRoundTrip() {
  const t0 = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), 'snn-registry-e2e-'));
  let server;
  let serverDied = () => '';
  let logTail = () => '(not started)';
  try {
    const upstream = sh('npm', ['config', 'get', 'registry'], tmp).trim();
    // 1. verdaccio, installed on the side (not a workspace dependency)
    const vdir = join(tmp, 'verdaccio');
    mkdirSync(vdir);
    writeFileSync(join(vdir, 'package.json'), JSON.stringify({ private: true, dependencies: { verdaccio: '6.8.0' }, overrides: { 'node-fetch': '2.7.0' } }));
    log('installing verdaccio 6.8.0');
    sh('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], vdir);
    const port = await freePort();
    const registry = `http://127.0.0.1:${port}/`;
    const config = [
      `storage: ${join(tmp, 'storage')}`,
      `auth:\n  htpasswd:\n    file: ${join(tmp, 'htpasswd')}\n    max_users: 10`,
      `uplinks:\n  upstream:\n    url: ${upstream}\n    timeout: 60s`,
      "packages:\n  '@snn/*':\n    access: $all\n    publish: $authenticated\n  '**':\n    access: $all\n    proxy: upstream",
      'log: { type: stdout, format: pretty, level: warn }',
    ].join('\n');
    writeFileSync(join(tmp, 'config.yaml'), `${config}\n`);
    // its output goes to a file, not a pipe: the steps below block this process (execFileSync), and
    // a pipe nobody drains would stall verdaccio once it filled
    const logFile = join(tmp, 'verdaccio.log');
    const logFd = openSync(logFile, 'w');
    server = spawn(
      process.execPath,
      [join(vdir, 'node_modules', 'verdaccio', 'bin', 'verdaccio'), '--config', join(tmp, 'config.yaml'), '--listen', `127.0.0.1:${port}`],
      { stdio: ['ignore', logFd, logFd] },
    );
    closeSync(logFd);
    const exited = { how: '' };
    server.on('exit', (code, signal) => {
      exited.how = `verdaccio exited (${signal ?? `code ${code}`}): ${logTail()}`;
    });
    serverDied = () => exited.how;
    logTail = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '(no log)');
    await waitFor(`${registry}-/ping`, 60_000, () => exited.how);
    log(`verdaccio on 127.0.0.1:${port}`);
    // fail fast, and say why, when verdaccio cannot reach the upstream registry (e.g. a TLS-intercepting
    // proxy whose CA is in NODE_EXTRA_CA_CERTS, which turbo's strict env mode drops unless passed through)
    const probe = await fetch(`${registry}@tensorflow%2ftfjs-core`);
    if (!probe.ok)
      throw new Error(
        `verdaccio cannot fetch @tensorflow/tfjs-core from the upstream registry (npm config get registry): HTTP ${probe.status}; NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? 'is' : 'is not'} set`,
      );
    const user = await fetch(`${registry}-/user/org.couchdb.user:e2e`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'e2e', password: 'e2e-password' }),
    }).then((r) => r.json());
    const npmrc = join(tmp, 'npmrc');
    writeFileSync(npmrc, `registry=${registry}\n//127.0.0.1:${port}/:_authToken=${user.token}\n`);
    const env = { ...process.env, npm_config_userconfig: npmrc, npm_config_registry: registry, npm_config_cache: join(tmp, 'npm-cache') };

    // 2. version a copy with changesets, pack with pnpm (workspace:* → versions), publish
    const copy = join(tmp, 'repo');
    const names = copyWorkspace(copy);
    sh(process.execPath, [join(ROOT, 'node_modules', '@changesets', 'cli', 'bin.js'), 'version'], copy);
    const manifests = new Map(names.map((p) => [p, JSON.parse(readFileSync(join(copy, 'packages', p, 'package.json'), 'utf8'))]));
    const versions = new Map([...manifests.values()].map((m) => [m.name, m.version]));
    const published = [];
    for (const [p, pkg] of manifests) {
      if (pkg.private) continue;
      // what pnpm publish does with workspace:* — the version the workspace has now
      for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
        for (const [dep, range] of Object.entries(pkg[field] ?? {})) if (range.startsWith('workspace:')) pkg[field][dep] = versions.get(dep);
      }
      delete pkg.devDependencies;
      writeFileSync(join(copy, 'packages', p, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
      sh('npm', ['publish', '--access', 'public', '--ignore-scripts', '--loglevel=error'], join(copy, 'packages', p), env);
      published.push(`${pkg.name}@${pkg.version}`);
    }
    log(`published ${published.join(', ')}`);

    // 3. an empty project, as the converter README says
    const app = join(tmp, 'app');
    mkdirSync(app);
    sh('npm', ['init', '-y'], app, env);
    const install = converterInstallLine();
    sh('npm', ['i', '--no-audit', '--no-fund', '--loglevel=error', ...install], app, env);
    writeFileSync(join(app, 'example.mjs'), converterExample());
    const example = sh('node', ['example.mjs'], app, env).trim().split('\n');

    // 4. npx @snn/cli eval from the registry install
    sh('npm', ['i', '--no-audit', '--no-fund', '--loglevel=error', '@snn/cli'], app, env);
    cpSync(join(ROOT, 'packages', 'onnx', 'test', 'fixtures', 'mnist_cnn_mnist.onnx'), join(app, 'model.onnx'));
    const evalOut = sh(
      'npx',
      ['--no-install', '@snn/cli', 'eval', 'model.onnx', '--data', 'mnist', '--calibrate', '200', '--mode', '99.9%', '--T', '4,16', '--limit', '100', '--json'],
      app,
      env,
    );
    const result = JSON.parse(evalOut.trim().split('\n').at(-1));
    const installed = JSON.parse(readFileSync(join(app, 'node_modules', '@snn', 'cli', 'package.json'), 'utf8')).version;
    return { published, install, example, eval: result, cliVersion: installed, seconds: (performance.now() - t0) / 1000 };
  } catch (e) {
    // say whether verdaccio is gone, with the end of its log (uplink errors are logged there)
    await new Promise((r) => setTimeout(r, 500)); // lets a pending 'exit' event of verdaccio arrive
    e.message += `\n${serverDied() || `verdaccio's log ends: ${logTail()}`}`;
    throw e;
  } finally {
    if (server && server.exitCode === null && server.signalCode === null) {
      server.removeAllListeners('exit');
      const gone = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const r = await registryRoundTrip();
  console.log(JSON.stringify(r));
}
