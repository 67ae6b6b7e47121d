// What the browser example's tests share: the built app served on 127.0.0.1, chromium with and
// without WebGPU (started when first asked for), and reading the page's answers.
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
// @ts-expect-error plain ESM helpers without types
import { launch, openPage } from './browser.mjs';
// @ts-expect-error plain ESM helpers without types
import { serve } from './serve.mjs';

/** The example's folder, its build and where the tests write screenshots and figures. */
export const APP = resolve(import.meta.dirname, '..', '..', 'examples', 'browser-webgpu');
export const DIST = join(APP, 'dist');
export const OUT = join(APP, 'out');

/** A served app and the browsers that open it. */
export interface Session {
  url: string;
  log: string[];
  browser(webgpu: boolean): Promise<Browser>;
  close(): Promise<void>;
}

/** Serves dist/ and starts chromium lazily (one with WebGPU, one without). */
export async function startBrowser(): Promise<Session> {
  const server = (await serve(DIST)) as { url: string; close(): Promise<void> };
  const browsers = new Map<boolean, Promise<Browser>>();
  return {
    url: server.url,
    log: [],
    browser(webgpu) {
      if (!browsers.has(webgpu)) browsers.set(webgpu, launch({ webgpu }) as Promise<Browser>);
      return browsers.get(webgpu) as Promise<Browser>;
    },
    async close() {
      for (const b of browsers.values()) await (await b).close();
      await server.close();
    },
  };
}

/** Opens the app with `query` and waits for its test hook. */
export async function openApp(s: Session, query: string, { webgpu = true } = {}): Promise<Page> {
  const page = (await openPage(await s.browser(webgpu), `${s.url}?${query}`, (line: string) => s.log.push(line))) as Page;
  await page.waitForFunction(() => document.body.dataset.testHook === 'ready' || document.body.dataset.done === 'error', null, { timeout: 60_000 });
  return page;
}

/** Waits until the page shows a prediction or an error; returns the SNN's and the ANN's answers and the status line. */
export async function classification(page: Page, timeout: number): Promise<{ snn?: string; ann?: string; status: string }> {
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

/** max |a − b| over two nested number arrays of the same shape (∞ when the sizes differ). */
export function maxAbsDiff(a: unknown, b: unknown): number {
  const fa = [a].flat(3) as number[];
  const fb = [b].flat(3) as number[];
  if (fa.length !== fb.length) return Number.POSITIVE_INFINITY;
  return fa.reduce((m, v, i) => Math.max(m, Math.abs(v - fb[i])), 0);
}
