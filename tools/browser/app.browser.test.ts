// examples/browser-webgpu in Debian's chromium: the page converts the tutorial CNN and runs the SNN
// on WebGPU (SwiftShader here) and on wasm, and its outputs must equal what the same functions give
// in Node (wasm) for the same images, model and calibration set, within 1e-4.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../examples/browser-webgpu/src/test-hook.js';
import { nodeReference, type Reference } from '../../examples/browser-webgpu/test/node-reference.js';
// @ts-expect-error plain ESM helpers without types
import { launch, openPage } from './browser.mjs';
// @ts-expect-error plain ESM helpers without types
import { serve } from './serve.mjs';

const APP = resolve(import.meta.dirname, '..', '..', 'examples', 'browser-webgpu');
const DIST = join(APP, 'dist');
const OUT = join(APP, 'out');
/** One test image of each of four digits (indices into the bundled test set, 10 per digit). */
const IMAGES = [3, 17, 42, 78];
const T = 8;
const MODE = '99.9%';
const TOL = 1e-4;

const maxAbsDiff = (a: unknown, b: unknown): number => {
  const fa = [a].flat(3) as number[];
  const fb = [b].flat(3) as number[];
  if (fa.length !== fb.length) return Number.POSITIVE_INFINITY;
  return fa.reduce((m, v, i) => Math.max(m, Math.abs(v - fb[i])), 0);
};

const diffs: Record<string, { outputs: number; ann: number; thresholdsRel: number; seconds: RunResult['seconds']; adapter?: string }> = {};
let server: { url: string; close(): Promise<void> };
let browser: Browser;
let ref: Reference;
const log: string[] = [];

async function appPage(query: string, b: Browser = browser): Promise<Page> {
  const page = (await openPage(b, `${server.url}?${query}`, (line: string) => log.push(line))) as Page;
  await page.waitForFunction(() => document.body.dataset.testHook === 'ready', null, { timeout: 60_000 });
  return page;
}

async function runInPage(page: Page, backend: 'webgpu' | 'wasm'): Promise<RunResult> {
  try {
    return await page.evaluate(({ backend, images, T, mode }) => window.snnTest!.run({ backend, images, T, mode }), { backend, images: IMAGES, T, mode: MODE });
  } catch (e) {
    const msg = (e as Error).message;
    // tfjs-webgpu's synchronous read (dataSync) returns zeros and loses the device in this chromium
    if (/valid external Instance|mapAsync|createBuffer/.test(msg))
      throw new Error(`${msg}\n→ a package read a WebGPU tensor with dataSync(); see docs/NOTES-browser.md §1`);
    throw e;
  }
}

/** Waits until the page shows a prediction or an error; returns the SNN's and the ANN's answers. */
async function classification(page: Page, timeout: number): Promise<{ snn?: string; ann?: string; status: string }> {
  await page.waitForFunction(
    () => document.getElementById('prediction')?.dataset.prediction !== undefined || document.getElementById('status')?.className === 'error',
    null,
    { timeout },
  );
  const pred = page.locator('#prediction');
  return {
    snn: (await pred.getAttribute('data-prediction')) ?? undefined,
    ann: (await pred.getAttribute('data-ann')) ?? undefined,
    status: (await page.textContent('#status')) ?? '',
  };
}

function compare(name: string, r: RunResult): void {
  const rel = Math.max(...r.thresholds.map((t, i) => Math.abs(t - ref.thresholds[i]) / ref.thresholds[i]));
  diffs[name] = {
    outputs: maxAbsDiff(r.outputs, ref.outputs),
    ann: maxAbsDiff(r.ann, ref.ann),
    thresholdsRel: rel,
    seconds: r.seconds,
    adapter: r.attempts.find((a) => a.ok)?.reason,
  };
  expect(r.outputs.length).toBe(T);
  expect(diffs[name].ann).toBeLessThanOrEqual(TOL);
  expect(diffs[name].outputs).toBeLessThanOrEqual(TOL);
  // the SNN must do something: some output spikes over the T steps
  expect(r.outputs.flat(2).some((v) => v !== 0)).toBe(true);
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  server = await serve(DIST);
  browser = (await launch({ webgpu: true })) as Browser;
  ref = await nodeReference(join(DIST, 'gen'), IMAGES, T, MODE);
});

afterAll(async () => {
  writeFileSync(join(OUT, 'browser-vs-node.json'), `${JSON.stringify({ images: IMAGES, T, mode: MODE, maxAbsDiff: diffs }, null, 2)}\n`);
  writeFileSync(join(OUT, 'browser-console.log'), `${log.join('\n')}\n`);
  for (const [k, d] of Object.entries(diffs))
    console.log(`${k}: max |browser − Node| outputs ${d.outputs.toExponential(2)}, ANN ${d.ann.toExponential(2)}, θ rel ${d.thresholdsRel.toExponential(2)}`);
  await browser?.close();
  await server?.close();
});

describe('examples/browser-webgpu in chromium', () => {
  let webgpuPage: Page;

  it('is served cross-origin isolated, with the model, images and wasm binaries', async () => {
    const page = await appPage('autostart=0');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await page.locator('#gallery canvas').count()).toBe(100);
    expect(await page.textContent('#status')).toContain('ready');
    await page.close();
  });

  it(`converts and simulates on wasm in the page: outputs equal Node's within ${TOL}`, async () => {
    const page = await appPage('autostart=0');
    const r = await runInPage(page, 'wasm');
    expect(r.backend).toBe('wasm');
    compare('wasm', r);
    await page.close();
  });

  it(`converts and simulates on WebGPU (SwiftShader) in the page: outputs equal Node's within ${TOL}`, async () => {
    webgpuPage = await appPage('autostart=0&T=16');
    const r = await runInPage(webgpuPage, 'webgpu');
    expect(r.backend).toBe('webgpu');
    compare('webgpu', r);
    expect(await webgpuPage.textContent('#backend-line')).toMatch(/^backend: webgpu/);
  });

  it('classifies a picked test image on WebGPU, drawing each layer’s spikes and the output over t', async () => {
    expect(webgpuPage, 'the WebGPU page from the test before').toBeDefined();
    await webgpuPage.click('#gallery canvas[data-index="73"]'); // a 7
    const c = await classification(webgpuPage, 120_000);
    expect(c.status).toBe('classified as 7 after 16 steps on webgpu');
    expect(c).toMatchObject({ snn: '7', ann: '7' });
    expect(await webgpuPage.locator('#layers .layer').count()).toBe(4);
    expect(await webgpuPage.locator('#output-chart svg').count()).toBe(1);
    await webgpuPage.screenshot({ path: join(OUT, 'classified-webgpu.png'), fullPage: true });
  });

  it('falls back to wasm in a browser without WebGPU, says so, and classifies a digit drawn with the mouse', async () => {
    const plain = (await launch({ webgpu: false })) as Browser;
    try {
      const page = await appPage('T=32', plain); // autostart: auto = webgpu → wasm → cpu
      await page.waitForFunction(() => /ready on/.test(document.getElementById('status')?.textContent ?? ''), null, { timeout: 60_000 });
      expect(await page.textContent('#status')).toContain('ready on wasm');
      expect(await page.textContent('#backend-line')).toMatch(/^backend: wasm .*fell back: webgpu unavailable/);
      // draw a "1": one vertical stroke in the middle of the pad
      const box = (await page.locator('#pad').boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.52, box.y + box.height * 0.15);
      await page.mouse.down();
      for (let k = 1; k <= 12; k++) await page.mouse.move(box.x + box.width * (0.52 - 0.004 * k), box.y + box.height * (0.15 + 0.058 * k));
      await page.mouse.up();
      await page.click('#run-drawing');
      const c = await classification(page, 60_000);
      expect(c.status).toBe('classified as 1 after 32 steps on wasm');
      expect(c).toMatchObject({ snn: '1', ann: '1' });
      await page.screenshot({ path: join(OUT, 'drawn-digit-wasm.png'), fullPage: true });
    } finally {
      await plain.close();
    }
  });
});
