import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { spikeRaster } from './index.js';

const dist = (f: string) => fileURLToPath(new URL(`../dist/${f}`, import.meta.url));

/** Bundles an entry as a browser app would (everything included) and lists what it pulled in. */
async function bundleForBrowser(entry: string) {
  try {
    const r = await build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm', write: false, metafile: true, logLevel: 'silent' });
    return { ok: true, code: r.outputFiles[0].text, inputs: Object.keys(r.metafile.inputs), errors: [] as string[] };
  } catch (e) {
    return { ok: false, code: '', inputs: [], errors: (e as { errors?: Array<{ text: string }> }).errors?.map((x) => x.text) ?? [String(e)] };
  }
}

describe('browser bundle of @snn/viz', () => {
  it('the default entry bundles for the browser with no Node built-ins and no tfjs', async () => {
    const r = await bundleForBrowser(dist('index.js'));
    expect(r.errors).toEqual([]);
    expect(r.inputs.filter((i) => /(^|[/:])(node:)?(fs|path|os|child_process|worker_threads)$/.test(i))).toEqual([]);
    expect(r.inputs.filter((i) => i.includes('@tensorflow') || i.includes('resvg'))).toEqual([]);
    expect(r.inputs.some((i) => i.includes('vega-lite'))).toBe(true);
  });

  it('the node entry does use Node built-ins (so the check above can fail)', async () => {
    const r = await bundleForBrowser(dist('node.js'));
    expect(r.ok).toBe(false);
    expect(r.errors.join('\n')).toMatch(/"(node:)?fs"/);
  });

  it('the browser bundle draws the very same SVG as Node does', async () => {
    const r = await bundleForBrowser(dist('index.js'));
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
