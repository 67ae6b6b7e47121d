// The HTML report of `snn eval --report` in Debian's chromium: it uses the page's width (tables and
// figures side by side), every figure loads, nothing overflows. The screenshot is kept in
// tools/browser/out/report.png for a person to look at.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '@snn/cli';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helpers without types
import { launch } from './browser.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const OUT = join(import.meta.dirname, 'out');
const CNN = join(ROOT, 'packages', 'onnx', 'test', 'fixtures', 'mnist_cnn_mnist.onnx');

interface Box {
  section: string;
  kind: string;
  left: number;
  top: number;
  right: number;
}

let browser: Browser;
let boxes: Box[];
let layout: { width: number; scrollWidth: number; broken: string[] };

// Two cheap modes: `auto` searches its choices on a validation split (about 105 s of CPU here, 9 min
// wall at load ≈ 24), which a layout check does not need.
beforeAll(async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'snn-report-shot-')), 'r');
  const quiet = { stdout: () => {}, stderr: () => {} };
  const args = ['eval', CNN, '--data', 'mnist', '--calibrate', '200', '--mode', '99.9%', '--mode', 'max', '--T', '4,16', '--limit', '40', '--report', dir];
  expect(await runCli(args, quiet)).toBe(0);
  browser = (await launch({ webgpu: false })) as Browser;
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`file://${join(dir, 'index.html')}`);
  await page.waitForLoadState('load');
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: join(OUT, 'report.png'), fullPage: true });
  boxes = await page.evaluate(() =>
    [...document.querySelectorAll('section')].flatMap((s) =>
      [...s.querySelectorAll('figure, .table')].map((e) => {
        const r = e.getBoundingClientRect();
        return { section: s.querySelector('h2')?.textContent ?? '', kind: e.tagName.toLowerCase(), left: r.left, top: r.top, right: r.right };
      }),
    ),
  );
  layout = await page.evaluate(() => ({
    width: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    broken: [...document.images].filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src),
  }));
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe('the report page in chromium (1400 px wide)', () => {
  it('loads every figure and does not overflow sideways', () => {
    expect(layout.broken).toEqual([]);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
  });

  it('puts the accuracy table beside its figure, and figures of a section side by side', () => {
    const acc = boxes.filter((b) => b.section === 'Accuracy');
    expect(acc.map((b) => b.kind)).toEqual(['div', 'figure']);
    expect(Math.abs(acc[0].top - acc[1].top)).toBeLessThan(2);
    expect(acc[1].left).toBeGreaterThan(acc[0].right);
    const spikes = boxes.filter((b) => b.section.startsWith('Spikes'));
    expect(spikes.length).toBeGreaterThanOrEqual(2);
    expect(Math.abs(spikes[0].top - spikes[1].top)).toBeLessThan(2);
    // the page's width is used: the rightmost column ends in the right fifth of the window
    expect(Math.max(...boxes.map((b) => b.right))).toBeGreaterThan(0.8 * layout.width);
  });
});
