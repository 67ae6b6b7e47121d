import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleForBrowser } from '../../../tools/browser-bundle.mjs';

const dist = (f: string) => fileURLToPath(new URL(`../dist/${f}`, import.meta.url));
const modules = (r: { builtins: Array<{ module: string }> }) => [...new Set(r.builtins.map((b) => b.module))];

describe('browser bundle of @snn/backend', () => {
  it('the default entry bundles for the browser with no Node built-ins', async () => {
    const r = await bundleForBrowser(dist('index.js'), { external: ['@tensorflow/*', 'webgpu'] });
    expect(r.errors).toEqual([]);
    expect(r.builtins).toEqual([]);
  });

  it('the node entry does use Node built-ins (so the check above can fail)', async () => {
    const r = await bundleForBrowser(dist('node.js'), { external: ['@tensorflow/*', 'webgpu'] });
    expect(modules(r)).toContain('fs');
  });
});
