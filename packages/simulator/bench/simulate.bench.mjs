// Simulation speed and memory of the tutorial CNN (converted with 99.9 %, as SpikingJelly's tutorial),
// per execution path, in one run so that the figures are ratios to the reference path on the same
// machine at the same time. Each measurement runs in its own child process (peak RSS is per process).
// Run: pnpm --filter @snn/simulator bench (after build). SNN_BENCH_QUICK=1 runs smaller sets;
// SNN_BENCH_ROWS=5,6,7,8 only those rows (1 thread and default, T = 64 and 200) and the PyTorch peer;
// row 11 is the demo's costliest mode (1/5) on the default path; row 12 is row 8 with the worker threads' start-up timed.
// Prints a markdown table, then one JSON object.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { convert, parseMode } from '@snn/converter';
import { batches, loadEmbeddedMnist, spikingJellyOrder } from '@snn/datasets';
import { loadGraph, saveGraph } from '@snn/graph';
import { importOnnx } from '@snn/onnx';
import { annMacs, prestartWorkers, simulate } from '@snn/simulator';
import { runIfLoop, writePeerInputs } from '../../../tools/torch-bench/peer.mjs';
import { cpuSeconds, untilIdle } from './idle.mjs';
import { densePeakGflops } from './peak.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const fixture = join(here, '../../onnx/test/fixtures/mnist_cnn_mnist.onnx');
const quick = process.env.SNN_BENCH_QUICK === '1';

/** Converts the tutorial CNN (99.9 %, or `mode`), calibrating on the 7,996 training images in SpikingJelly's order. */
async function convertCnn(train, mode = '99.9%') {
  const ann = await importOnnx(fixture);
  const data = () =>
    (function* () {
      for (const b of batches(train, { batchSize: 100, order: spikingJellyOrder(train.n) })) {
        b.y.dispose();
        yield b.x;
        b.x.dispose();
      }
    })();
  return (await convert(ann, data, parseMode(mode))).snn;
}

/** The test split, or the whole 10,000 (test then train) for the data-size row. */
function dataset(ds, n) {
  if (n <= ds.test.n) return { ...ds.test, n };
  const images = new Float32Array(n * 784);
  images.set(ds.test.images);
  images.set(ds.train.images.subarray(0, (n - ds.test.n) * 784), ds.test.images.length);
  const labels = new Uint8Array(n);
  labels.set(ds.test.labels);
  labels.set(ds.train.labels.subarray(0, n - ds.test.n), ds.test.n);
  return { images, labels, n, shape: [28, 28, 1] };
}

/**
 * Child: one simulation of the saved SNN; prints its JSON. Worker threads are started ahead and
 * awaited before the clock starts (`spec.cold`: not), as `snn eval` starts them before it
 * calibrates: the figure is what eval's `simulate` phase measures, not the threads' start-up.
 */
async function child(spec) {
  await initBackend('wasm');
  const threads = spec.options.workers !== 1 && spec.options.path !== 'reference' && !spec.cold;
  if (threads) prestartWorkers();
  const ds = await loadEmbeddedMnist();
  const snn = loadGraph(readFileSync(join(spec.dir, 'snn.json'), 'utf8'), new Uint8Array(readFileSync(join(spec.dir, 'snn.bin'))));
  const data = dataset(ds, spec.n);
  const warmup = threads ? await untilIdle() : 0;
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  // on threads, batches of 200 as `snn eval` (its --batch-size default) cuts them into pieces for the workers
  const batchSize = spec.options.workers !== 1 && spec.options.path !== 'reference' ? 200 : undefined;
  const r = await simulate(snn, data, { T: spec.T, batchSize, ...spec.options });
  const seconds = (performance.now() - t0) / 1000;
  const out = {
    seconds,
    warmup,
    cpu: cpuSeconds(c0),
    rssBeforeMB: rssBefore / 2 ** 20,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    path: r.path,
    workers: r.workers,
    accuracy: r.accuracy[spec.T - 1],
    tensors: tf.memory().numTensors,
  };
  console.log(`RESULT ${JSON.stringify(out)}`);
}

/** Child: the whole job in one process — import, convert (99.9 %), simulate T = 64 on the 2,004 test images. */
async function endToEnd() {
  await initBackend('wasm');
  const ds = await loadEmbeddedMnist();
  const t0 = performance.now();
  const snn = await convertCnn(ds.train);
  const t1 = performance.now();
  const r = await simulate(snn, ds.test, { T: 64 });
  const t2 = performance.now();
  const out = { convert: (t1 - t0) / 1000, simulate: (t2 - t1) / 1000, path: r.path, workers: r.workers, accuracy: r.accuracy[63] };
  console.log(`RESULT ${JSON.stringify(out)}`);
}

function run(args) {
  const t0 = performance.now();
  const p = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = p.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (p.status !== 0 || !line) throw new Error(`bench child ${args.join(' ')} failed:\n${p.stderr.slice(-3000)}`);
  return { ...JSON.parse(line.slice(7)), processSeconds: (performance.now() - t0) / 1000 };
}

async function main() {
  const load = loadavg()[0];
  await initBackend('wasm');
  const peak = densePeakGflops();
  const ds = await loadEmbeddedMnist();
  const t0 = performance.now();
  const snn = await convertCnn(ds.train);
  const convertSeconds = (performance.now() - t0) / 1000;
  const dir = mkdtempSync(join(tmpdir(), 'snn-bench-'));
  const saved = saveGraph(snn);
  writeFileSync(join(dir, 'snn.json'), saved.json);
  writeFileSync(join(dir, 'snn.bin'), saved.weights);
  const macs = annMacs(snn);
  const all = quick ? 500 : 2004;
  const rows = [
    ['reference (step by step, tfjs ops)', 64, quick ? 50 : 200, { path: 'reference' }],
    ['reference (step by step, tfjs ops)', 200, quick ? 20 : 100, { path: 'reference' }],
    ['chunked: tfjs layers, JS neurons', 64, quick ? 100 : 500, { workers: 1, simd: false }],
    ['chunked: + SIMD neurons', 64, all, { workers: 1, fuse: false, sparse: false }],
    ['chunked: + IF/pool fused', 64, all, { workers: 1, sparse: false }],
    ['chunked: + sparse conv of spikes (1 thread)', 64, all, { workers: 1 }],
    ['chunked: + sparse conv of spikes (1 thread)', 200, all, { workers: 1 }],
    ['chunked + worker threads (default)', 64, all, {}],
    ['chunked + worker threads (default)', 200, all, {}],
    ['chunked + worker threads (default)', 50, quick ? 500 : 2000, {}],
    ['chunked + worker threads (default)', 50, quick ? 2500 : 10000, {}],
    // the demo's costliest mode: thresholds at 1/5 of the 99.9 % ones fire more (denser spikes into conv2/conv3)
    ['chunked + worker threads (default), mode 1/5', 200, all, {}, '1/5'],
    // row 8 again with the threads started inside the timing (every other worker row starts them ahead, as `snn eval` does)
    ['chunked + worker threads (default), threads started inside the timing', 200, all, {}, '99.9%', true],
  ];
  const results = [];
  // SNN_BENCH_ROWS=5,6,7,8: only those rows (0-based, in the order above) and no end-to-end row
  const pick = process.env.SNN_BENCH_ROWS?.split(',').map(Number);
  const dirs = new Map([['99.9%', dir]]);
  for (const [label, T, n, options, mode = '99.9%', cold = false] of rows.filter((_, i) => !pick || pick.includes(i))) {
    if (!dirs.has(mode)) {
      const other = mkdtempSync(join(tmpdir(), 'snn-bench-'));
      const g = saveGraph(await convertCnn(ds.train, mode));
      writeFileSync(join(other, 'snn.json'), g.json);
      writeFileSync(join(other, 'snn.bin'), g.weights);
      dirs.set(mode, other);
    }
    const r = run(['--child', JSON.stringify({ dir: dirs.get(mode), T, n, options, cold })]);
    const rate = (n * T) / r.seconds;
    results.push({ label, T, n, ...r, rate, ratePerCpu: (n * T) / r.cpu, gflops: (rate * 2 * macs) / 1e9 });
    console.error(`${label} T=${T} n=${n}: ${r.seconds.toFixed(1)} s, ${Math.round(rate)} img·steps/s, peak RSS ${r.peakRssMB.toFixed(0)} MB`);
  }
  const e2e = pick ? undefined : run(['--e2e']);
  // the same-run peer: the PyTorch IF loop (tools/torch-bench) on the same converted network, images and T
  const peerN = all;
  const files = writePeerInputs(dir, snn, ds.test.images.subarray(0, peerN * 784), ds.test.labels.subarray(0, peerN));
  const peers = [64, 200].map((T) => ({ T, ...runIfLoop({ onnx: fixture, files, shape: [28, 28, 1], T }) }));
  const base = results.find((r) => r.path === 'reference')?.rate;
  const fmt = (x) => Math.round(x).toLocaleString('en-US');
  const lines = [
    `Tutorial CNN, 99.9 % (conversion ${convertSeconds.toFixed(1)} s), wasm backend, ${loadavg().length ? `load average ${load.toFixed(1)} at start` : ''}; dense ${(macs / 1e6).toFixed(2)} M multiply-adds per image·step.`,
    '',
    '| path | T | images | seconds | image·steps/s | per CPU-second | × reference | dense-equiv. GFLOP/s (÷ peak of the threads used) | peak RSS MB | accuracy |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.label}${r.workers > 1 ? ` (${r.workers} threads)` : ''} | ${r.T} | ${fmt(r.n)} | ${r.seconds.toFixed(1)} | ${fmt(r.rate)} | ${fmt(r.ratePerCpu)} | ${base ? (r.rate / base).toFixed(1) : '–'} | ${r.gflops.toFixed(1)} (${((100 * r.gflops) / (peak * r.workers)).toFixed(0)} %) | ${r.peakRssMB.toFixed(0)} | ${(100 * r.accuracy).toFixed(2)} % |`,
    ),
    'Rows on worker threads start them before the clock and wait until they are idle, and batch by 200, as `snn eval` does (it starts them before it calibrates: its `simulate` phase does not include their start-up); the last row times the start-up.',
    `Dense SIMD peak measured in this run (tfjs-wasm XNNPACK matMul 1024², one thread): ${peak.toFixed(1)} GFLOP/s per core; dense-equivalent = 2 × ${(macs / 1e6).toFixed(2)} M MAC × image·steps/s (the first convolution, constant under constant input, included as the issue counts it).`,
    '',
    e2e
      ? `End to end, one process (import ONNX, convert 99.9 % on 7,996 images, simulate T = 64 on 2,004): ${e2e.processSeconds.toFixed(1)} s ` +
        `(convert ${e2e.convert.toFixed(1)} s, simulate ${e2e.simulate.toFixed(1)} s, ${e2e.path}, ${e2e.workers} threads, accuracy ${(100 * e2e.accuracy).toFixed(2)} %).`
      : '',
    '',
    ...peers.map((p) => {
      const ours = results.find((r) => r.path === 'chunked+workers' && r.T === p.T && r.n === peerN && !r.label.includes('mode'));
      const ratio = ours ? ` → default path ${(ours.rate / p.image_steps_per_s).toFixed(2)}× (${fmt(ours.rate)} vs ${fmt(p.image_steps_per_s)})` : '';
      return `Same run, PyTorch IF loop (tools/torch-bench, ${p.torch}, 2 threads, same ONNX weights and thresholds) T=${p.T} on ${fmt(peerN)} images: ${fmt(p.image_steps_per_s)} img·steps/s, accuracy ${(100 * p.accuracy).toFixed(2)} %${ratio}.`;
    }),
  ];
  console.log(lines.join('\n'));
  console.log(JSON.stringify({ convertSeconds, macs, peakGflopsPerCore: peak, loadAverage: load, results, e2e, peers }));
}

const [mode, arg] = process.argv.slice(2);
if (mode === '--child') await child(JSON.parse(arg));
else if (mode === '--e2e') await endToEnd();
else await main();
