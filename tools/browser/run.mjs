// `pnpm test:browser`: makes sure chromium and the built app are there, runs the real-browser tests
// (vitest, tools/browser/*.browser.test.ts) and writes .browser-report.json ({"passed", "failed"})
// at the repository root for tools/test-summary.mjs. Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const CHROMIUM = process.env.SNN_CHROMIUM ?? '/usr/bin/chromium';
const report = join(root, '.browser-report.json');

function step(what, cmd, args, opts = {}) {
  console.log(`test:browser: ${what}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' }, ...opts });
  return r.status === 0;
}

function finish(passed, failed, why) {
  writeFileSync(report, `${JSON.stringify({ passed, failed })}\n`);
  if (why) console.error(`test:browser: ${why}`);
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

rmSync(report, { force: true });

// 1. chromium (Debian's; its SwiftShader Vulkan driver gives WebGPU without a GPU) and the Vulkan loader
const hasVulkan = () => (spawnSync('ldconfig', ['-p'], { encoding: 'utf8' }).stdout ?? '').includes('libvulkan.so.1');
if (!existsSync(CHROMIUM) || !hasVulkan()) {
  const root_ = process.getuid?.() === 0;
  const ok =
    root_ &&
    step('installing chromium and libvulkan1 with apt-get', 'bash', [
      '-c',
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libvulkan1 fonts-dejavu-core >/dev/null',
    ]);
  if (!ok || !existsSync(CHROMIUM)) finish(0, 1, `no chromium at ${CHROMIUM} and it could not be installed (apt-get install chromium libvulkan1, as root)`);
}

// 2. workspace dependencies (playwright-core, vite) and the app with every package it uses, built
if (!existsSync(join(root, 'tools', 'node_modules', 'playwright-core')) || !existsSync(join(root, 'examples', 'browser-webgpu', 'node_modules', 'vite'))) {
  if (!step('installing workspace dependencies', 'pnpm', ['install', '--frozen-lockfile'])) finish(0, 1, 'pnpm install failed');
}
if (
  !step('building the app and the packages it uses', 'pnpm', [
    'exec',
    'turbo',
    'run',
    'build',
    '--filter=@snn/example-browser-webgpu...',
    '--output-logs=errors-only',
  ])
)
  finish(0, 1, 'the build failed');

// 3. the tests
const dir = mkdtempSync(join(tmpdir(), 'snn-browser-'));
const json = join(dir, 'vitest.json');
const vitestOk = step('running the browser tests', 'pnpm', [
  'exec',
  'vitest',
  'run',
  '--config',
  'tools/browser/vitest.config.ts',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${json}`,
]);
if (!existsSync(json)) finish(0, 1, 'vitest wrote no report');
const r = JSON.parse(readFileSync(json, 'utf8'));
// A file that failed without a failed test (an import error, a beforeAll that threw or timed out:
// its tests are then reported as skipped) counts as one failure; so does vitest failing otherwise.
const suiteErrors = r.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
rmSync(dir, { recursive: true, force: true });
let failed = r.numFailedTests + suiteErrors + (r.numTotalTests === 0 ? 1 : 0);
const why = r.numTotalTests === 0 ? 'no test ran' : !vitestOk && failed === 0 ? 'vitest failed outside any test' : undefined;
if (!vitestOk && failed === 0) failed = 1;
finish(r.numPassedTests, failed, why);
