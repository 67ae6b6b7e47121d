// Launching Debian's chromium through playwright-core (no browser download), with the flags that
// give it WebGPU (over SwiftShader when there is no GPU driver) in headless mode.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Where chromium is: $SNN_CHROMIUM, else Debian's package. */
export const CHROMIUM = process.env.SNN_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts headless chromium. `webgpu: true` adds --enable-unsafe-webgpu (what gives Linux chromium
 * a WebGPU adapter); without it `navigator.gpu` has no adapter and pages fall back.
 */
export async function launch({ webgpu = true } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: apt-get install chromium, or set SNN_CHROMIUM`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...(webgpu ? ['--enable-unsafe-webgpu'] : [])] });
}

/** Opens `url` in a new page, forwarding the page's errors and console warnings to `log`. */
export async function openPage(browser, url, log = (line) => console.log(line)) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  page.on('pageerror', (e) => log(`[page error] ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log(`[console ${m.type()}] ${m.text()}`);
  });
  await page.goto(url);
  return page;
}
