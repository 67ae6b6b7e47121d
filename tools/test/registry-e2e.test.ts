// The packages from a registry, as users get them (tools/registry-e2e/run.mjs): a local verdaccio on
// 127.0.0.1, every @snn/* package versioned by changesets in a temp copy and published there, the
// converter README's install line and example run in an empty `npm init -y` project, and
// `npx @snn/cli eval` from that install. Needs the npm registry npm is configured with (for tfjs
// and verdaccio itself) and the built packages.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { converterInstallLine } from '../registry-e2e/run.mjs';

/** Runs the round trip as its own process, as a person would, with an environment free of vitest's. */
async function registryRoundTrip() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|NODE_ENV$|NODE_OPTIONS$|TEST$)/.test(k)));
  const { stdout } = await promisify(execFile)(process.execPath, [join(import.meta.dirname, '..', 'registry-e2e', 'run.mjs')], {
    env,
    timeout: 580_000,
    maxBuffer: 16 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string);
}

// Runs in `pnpm test` (and so in CI). It needs the registry npm is configured with, reached from Node:
// behind a TLS-intercepting proxy that takes NODE_EXTRA_CA_CERTS, which turbo's strict env mode used to
// drop, so verdaccio's uplink failed (turbo.json passes it through now). SNN_REGISTRY_E2E=0 skips it
// (offline); the skip is announced.
const enabled = process.env.SNN_REGISTRY_E2E !== '0';
if (!enabled) console.warn('registry-e2e.test: skipped (SNN_REGISTRY_E2E=0)');

describe.skipIf(!enabled)('registry round trip', () => {
  it('publishes every @snn package, installs the converter README line, runs its example and npx @snn/cli eval', async () => {
    const r = await registryRoundTrip();
    expect(r.published.map((p: string) => p.replace(/@[^@]+$/, '')).sort()).toEqual(
      ['backend', 'cli', 'converter', 'core', 'datasets', 'graph', 'neuron', 'onnx', 'simulator', 'viz'].map((p) => `@snn/${p}`),
    );
    // changeset version moved every version together, and that is what got installed
    const versions = new Set(r.published.map((p: string) => p.split('@').at(-1)));
    expect(versions.size).toBe(1);
    expect(r.cliVersion).toBe([...versions][0]);
    expect(r.install).toEqual(converterInstallLine());
    // the converter README's example prints θ = 1.1 (float32) for relu1 and the SNN's ops
    expect(r.example).toEqual(["[ [ 'relu1', 1.100000023841858 ] ]", 'Linear IF Linear']);
    // snn eval from the registry install: the tutorial CNN's ANN on 100 stratified test images, and its SNN
    expect(r.eval.ann.accuracy).toBeGreaterThan(0.95);
    expect(r.eval.snn[0].accuracy['16']).toBeGreaterThan(0.9);
  }, 600_000);
});
