import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleForBrowser } from '../../../tools/browser-bundle.mjs';

const src = (f: string) => fileURLToPath(new URL(`./${f}`, import.meta.url));
const opts = { conditions: ['snn-source'] };

describe('browser bundle of @snn/simulator', () => {
  it('the default entry (engine, SIMD kernels, monitors, progress) bundles with no Node built-ins', async () => {
    const r = await bundleForBrowser(src('index.ts'), opts);
    expect(r.errors).toEqual([]);
    expect(r.inputs.some((i: string) => i.endsWith('engine/wasm/sparse-conv-module.ts'))).toBe(true);
    expect(r.builtins).toEqual([]);
  });

  it('the node entry (worker threads) does use Node built-ins (so the check above can fail)', async () => {
    const r = await bundleForBrowser(src('node.ts'), opts);
    expect(r.builtins.map((b: { module: string }) => b.module)).toContain('worker_threads');
  });
});
