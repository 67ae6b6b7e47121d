import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleForBrowser } from '../../../tools/browser-bundle.mjs';
import { describe, expect, it } from 'vitest';
import { spikeRaster } from './index.js';

const dist = (f: string) => fileURLToPath(new URL(`../dist/${f}`, import.meta.url));

/** Bundles an entry as a browser app would, everything included (viz has no tfjs to leave out). */
const bundle = (entry: string) => bundleForBrowser(entry, { external: [] });

describe('browser bundle of @snn/viz', () => {
  it('the default entry bundles for the browser with no Node built-ins and no tfjs', async () => {
    const r = await bundle(dist('index.js'));
    expect(r.errors).toEqual([]);
    expect(r.builtins).toEqual([]);
    expect(r.inputs.filter((i: string) => i.includes('@tensorflow') || i.includes('resvg'))).toEqual([]);
    expect(r.inputs.some((i: string) => i.includes('vega-lite'))).toBe(true);
  });

  it('the node entry does use Node built-ins (so the check above can fail)', async () => {
    const r = await bundle(dist('node.js'));
    expect(r.builtins.map((b: { module: string }) => b.module)).toContain('fs');
  });

  it('the browser bundle draws the very same SVG as Node does', async () => {
    const r = await bundle(dist('index.js'));
    const file = join(mkdtempSync(join(tmpdir(), 'snn-viz-browser-')), 'viz.browser.mjs');
    writeFileSync(file, r.code);
    const browserViz = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as typeof import('./index.js');
    const input = {
      spikes: [
        [0, 1, 0],
        [1, 1, 0],
        [0, 1, 1],
      ],
      title: 'same everywhere',
      xLabel: 't',
      yLabel: 'i',
    };
    expect(await browserViz.spikeRaster(input)).toBe(await spikeRaster(input));
  });
});
