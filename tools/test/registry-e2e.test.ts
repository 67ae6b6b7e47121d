// The packages from a registry, as users get them (tools/registry-e2e/run.mjs): a local verdaccio on
// 127.0.0.1, every @snn/* package versioned by changesets in a temp copy and published there, the
// converter README's install line and example run in an empty `npm init -y` project, and
// `npx @snn/cli eval` from that install. Needs the npm registry npm is configured with (for tfjs
// and verdaccio itself) and the built packages.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { converterInstallLine, registryRoundTrip } from '../registry-e2e/run.mjs';

describe('registry round trip', () => {
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
