// pnpm --filter ./examples/if-vs-relu start: runs the experiment and writes out/ (SVG, PNG, rates.json).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { initBackend } from '@snn/backend';
import { writePlot } from '@snn/viz';
import { runIfVsRelu } from './experiment.mjs';
import { tutorialPlots } from './plots.mjs';

/**
 * Runs the experiment and writes the pictures and rates.json into `outDir`; returns the results.
 * @param {string} outDir
 */
export async function main(outDir) {
  const r = runIfVsRelu();
  mkdirSync(outDir, { recursive: true });
  const written = [];
  for (const [name, svg] of Object.entries(await tutorialPlots(r))) {
    const paths = await writePlot(svg, join(outDir, name));
    written.push(paths.svg, paths.png);
  }
  const rates = join(outDir, 'rates.json');
  writeFileSync(rates, `${JSON.stringify({ T: r.T, x: r.x, rate: r.rate })}\n`);
  written.push(rates);
  return { ...r, written };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { backend } = await initBackend();
  const t0 = performance.now();
  const r = await main(resolve(import.meta.dirname, '..', 'out'));
  const worst = Math.max(...r.x.map((x, i) => Math.abs(r.rate[i] - Math.min(Math.max(x, 0), 1))));
  console.log(`35 IF neurons, T = ${r.T}, backend ${backend}: max |rate − clamp(x, 0, 1)| = ${worst.toFixed(4)} (bound 1/T = ${(1 / r.T).toFixed(4)})`);
  console.log(r.x.map((x, i) => `  x = ${x.toFixed(2).padStart(5)}  rate = ${r.rate[i].toFixed(4)}`).join('\n'));
  console.log(`wrote ${r.written.length} files in ${(performance.now() - t0).toFixed(0)} ms:\n  ${r.written.join('\n  ')}`);
}
