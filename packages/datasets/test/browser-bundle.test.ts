import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleForBrowser } from '../../../tools/browser-bundle.mjs';

const dist = (f: string) => fileURLToPath(new URL(`../dist/${f}`, import.meta.url));
const modules = (r: { builtins: Array<{ module: string }> }) => [...new Set(r.builtins.map((b) => b.module))];

describe('browser bundle of @snn/datasets', () => {
  it('the default entry bundles for the browser with no Node built-ins and no embedded JSON', async () => {
    const r = await bundleForBrowser(dist('index.js'));
    expect(r.errors).toEqual([]);
    expect(r.builtins).toEqual([]);
    expect(r.inputs.filter((i: string) => /mnist\/src/.test(i))).toEqual([]);
  });

  it('the node entry does use Node built-ins (so the check above can fail)', async () => {
    const r = await bundleForBrowser(dist('node.js'));
    expect(modules(r).some((m) => ['fs/promises', 'zlib', 'module', 'path', 'util'].includes(m))).toBe(true);
  });
});
