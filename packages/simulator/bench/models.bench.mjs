// snn-ts against a plain PyTorch IF loop (tools/torch-bench/if_loop.py, 2 threads) on the same ONNX
// weights, the same images and T, in one run: the tutorial CNN, the Fashion ResNet and two wide
// VGG-style nets (bench/fixtures, tools/fixtures/export_wide_vgg.py). Each model is converted
// once (99.9 %, calibrated on 500 stratified training images, seed 0); both sides simulate the
// converted network (θ from snn-ts) on the same stratified test images (seed 0), constant input.
// Both sides run on the same number of threads (THREADS: snn-ts `workers: 2`, PyTorch 2 intra-op
// threads), stated in the output, each side SNN_BENCH_ROUNDS times (default 3), alternating, fresh
// processes, medians compared; snn-ts's threads started before its clock; simulate's `workers: 'auto'` would keep a small run (below
// MIN_PARALLEL_WORK image·steps and MIN_PARALLEL_MACS dense MACs) on one thread. Also: a per-kernel profile of snn-ts, taken on a
// further run of the same images, T and threads as the timed ones (thread-seconds summed over the
// workers), with each kernel's share of time and of the dense MACs, its dense-equivalent GFLOP/s per
// core and ÷ the one-core peak. (A separate short 1-thread profile, as before, had 6 chunks per
// node for the ResNet, and a sparse layer's first, measuring chunks weigh in such a run: its 1×1
// shortcut read 14–20 % of the time there against 9–10 % on the timed run's 500 images.); the machine's dense SIMD peak (bench/peak.mjs, the helper the speed section uses)
// read before and after the models, and for 2 cores as two processes at once.
// Run: pnpm --filter @snn/simulator bench:models (after build). SNN_BENCH_QUICK=1: fewer images.
// Prints a markdown report, then one JSON object.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@snn/backend';
import { convert, parseMode } from '@snn/converter';
import { batches, loadDataset, stratifiedSubset } from '@snn/datasets';
import { loadGraph, saveGraph } from '@snn/graph';
import { importOnnx } from '@snn/onnx';
import { annMacs, kernelProfile, prestartWorkers, simulate, workerKernelTimes } from '@snn/simulator';
import { runIfLoop, writePeerInputs } from '../../../tools/torch-bench/peer.mjs';
import { untilIdle } from './idle.mjs';
import { concurrentPeak, densePeak } from './peak.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const quick = process.env.SNN_BENCH_QUICK === '1';
const only = process.env.SNN_BENCH_MODELS?.split(',');
const onnxDir = join(here, '../../onnx/test/fixtures');
const MODELS = [
  { key: 'tutorial', label: 'tutorial CNN (MNIST)', onnx: join(onnxDir, 'mnist_cnn_mnist.onnx'), data: 'mnist', T: 200, n: quick ? 200 : 1000 },
  {
    key: 'resnet',
    label: 'Fashion ResNet',
    onnx: join(onnxDir, 'resnet_fashion_folded.onnx'),
    data: 'fashion-mnist',
    T: 64,
    n: quick ? 100 : 500,
  },
  { key: 'vgg32', label: 'wide VGG W=32', onnx: join(here, 'fixtures/vgg_wide32.onnx'), data: 'fashion-mnist', T: 32, n: quick ? 50 : 300 },
  { key: 'vgg64', label: 'wide VGG W=64', onnx: join(here, 'fixtures/vgg_wide64.onnx'), data: 'fashion-mnist', T: 32, n: quick ? 20 : 200 },
].filter((m) => !only || only.includes(m.key));
const CALIBRATION = 500;
/** Threads on each side: snn-ts worker threads, PyTorch intra-op threads. */
const THREADS = 2;
/** Timed runs per side and model (SNN_BENCH_ROUNDS, default 3; 1 with SNN_BENCH_QUICK). */
const ROUNDS = Number(process.env.SNN_BENCH_ROUNDS ?? (quick ? 1 : 3));

/** The median element of `xs` by `key` (the lower middle one of an even count). */
function medianBy(xs, key) {
  const sorted = [...xs].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Dense multiply-adds per sample of one node (Conv2d: kh·kw·C·M·Ho·Wo; Linear: in·out). */
function nodeMacs(node) {
  const w = node.params.weight?.shape;
  if (node.op === 'Conv2d') return w[0] * w[1] * w[2] * w[3] * node.shape[0] * node.shape[1];
  if (node.op === 'Linear') return w[0] * w[1];
  return 0;
}

/** Kernel times summed node by node (this thread's and the workers'), largest first. */
function mergeKernels(times) {
  const by = new Map();
  for (const k of times) {
    const e = by.get(k.node) ?? { ...k, ms: 0, calls: 0 };
    e.ms += k.ms;
    e.calls += k.calls;
    by.set(k.node, e);
  }
  return [...by.values()].sort((a, b) => b.ms - a.ms);
}

function loadSaved(dir) {
  return loadGraph(readFileSync(join(dir, 'snn.json'), 'utf8'), new Uint8Array(readFileSync(join(dir, 'snn.bin'))));
}

/** Child: the saved SNN on the saved samples; `profile`: with the kernel profile on (this thread and the workers). */
async function child(spec) {
  await initBackend('wasm');
  const snn = loadSaved(spec.dir);
  const shape = snn.inputs[0].shape;
  const per = shape.reduce((a, b) => a * b, 1);
  const all = new Float32Array(readFileSync(join(spec.dir, 'images.f32')).buffer.slice(0));
  const labels = new Uint8Array(readFileSync(join(spec.dir, 'labels.u8')));
  const n = spec.n ?? labels.length;
  const data = { images: all.subarray(0, n * per), labels: labels.subarray(0, n), n, shape };
  if (spec.profile) {
    kernelProfile(true); // this thread
    workerKernelTimes.start(); // and the worker threads (summed thread-seconds per node)
  }
  // the threads start before the clock, as `snn eval` starts them before it calibrates (and as the
  // PyTorch side warms up before its clock): the figure is the simulation's, not the threads' start-up
  if (spec.workers > 1) prestartWorkers({ workers: spec.workers });
  const warmup = spec.workers > 1 ? await untilIdle() : 0;
  const t0 = performance.now();
  // batches of ≤ n / workers images, so that a small set (SNN_BENCH_QUICK) still gives every thread work
  const batchSize = Math.min(100, Math.ceil(n / spec.workers));
  const r = await simulate(snn, data, { T: spec.T, workers: spec.workers, batchSize });
  const seconds = (performance.now() - t0) / 1000;
  const profile = spec.profile ? mergeKernels([...kernelProfile(false), ...workerKernelTimes.read(true)]) : undefined;
  const macs = Object.fromEntries(snn.nodes.map((node) => [node.name, nodeMacs(node)]));
  const out = {
    seconds,
    warmup,
    n,
    path: r.path,
    workers: r.workers,
    correct: r.correct[spec.T - 1],
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    profile,
    macs,
  };
  console.log(`RESULT ${JSON.stringify(out)}`);
}

function run(spec) {
  const p = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', JSON.stringify(spec)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = p.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (p.status !== 0 || !line) throw new Error(`bench child failed:\n${p.stderr.slice(-3000)}`);
  return JSON.parse(line.slice(7));
}

async function prepare(m, dir) {
  const ds = await loadDataset(m.data);
  const ann = await importOnnx(m.onnx);
  const cal = stratifiedSubset(ds.train, CALIBRATION, 0).split;
  const data = () =>
    (function* () {
      for (const b of batches(cal, { batchSize: 100 })) {
        b.y.dispose();
        yield b.x;
        b.x.dispose();
      }
    })();
  const snn = (await convert(ann, data, parseMode('99.9%'))).snn;
  const saved = saveGraph(snn);
  writeFileSync(join(dir, 'snn.json'), saved.json);
  writeFileSync(join(dir, 'snn.bin'), saved.weights);
  const test = stratifiedSubset(ds.test, m.n, 0).split;
  const files = writePeerInputs(dir, snn, test.images, test.labels);
  return { snn, files, shape: test.shape };
}

/** The profile's kernels with their share of time and of the dense MACs, and dense-equivalent GFLOP/s (static layers run once per batch: no rate). */
function kernelRows(prof, T) {
  const steps = prof.n * T;
  const total = prof.profile.reduce((s, k) => s + k.ms, 0);
  const macsTotal = Object.values(prof.macs).reduce((s, v) => s + v, 0);
  return prof.profile.map((k) => {
    const macs = k.kernel === 'static' ? 0 : (prof.macs[k.node] ?? 0);
    return { ...k, share: k.ms / total, macShare: macs / macsTotal, gflops: macs ? (2 * macs * steps) / (k.ms / 1000) / 1e9 : undefined };
  });
}

/**
 * The kernel that holds a model back: of the layers with MACs, the one whose time share most
 * exceeds its MAC share, and the model's speed-up if it ran at the rate of the other MAC layers
 * (total ÷ (total − its time + its MACs × the others' time per MAC)).
 */
function holdsBack(kernels) {
  const mac = kernels.filter((k) => k.macShare > 0);
  if (mac.length < 2) return undefined;
  const worst = mac.reduce((a, b) => (b.share - b.macShare > a.share - a.macShare ? b : a));
  const others = mac.filter((k) => k !== worst);
  const perMac = others.reduce((s, k) => s + k.share, 0) / others.reduce((s, k) => s + k.macShare, 0);
  return { ...worst, speedup: 1 / (1 - worst.share + worst.macShare * perMac) };
}

async function main() {
  const load = loadavg()[0];
  await initBackend('wasm');
  const peaks = [densePeak()];
  const peak2 = await concurrentPeak(2);
  const rows = [];
  for (const m of MODELS) {
    const dir = mkdtempSync(join(tmpdir(), `snn-models-${m.key}-`));
    const { snn, files, shape } = await prepare(m, dir);
    const macs = annMacs(snn);
    // both sides ROUNDS times, alternating, each a fresh process; the medians are compared (a run
    // right after this process's conversion measured 1.3–1.4× slower than the next, and not on its own)
    const oursRuns = [];
    const torchRuns = [];
    for (let i = 0; i < ROUNDS; i++) {
      oursRuns.push(run({ dir, T: m.T, workers: THREADS }));
      torchRuns.push(runIfLoop({ onnx: m.onnx, files, shape, T: m.T, threads: THREADS }));
    }
    const ours = medianBy(oursRuns, (r) => -r.seconds);
    const torch = medianBy(torchRuns, (r) => r.image_steps_per_s);
    const prof = run({ dir, T: m.T, profile: true, workers: THREADS }); // the timed runs' images, T and threads
    const rate = (ours.n * m.T) / ours.seconds;
    const kernels = kernelRows(prof, m.T);
    const rates = { ours: oursRuns.map((r) => (r.n * m.T) / r.seconds), torch: torchRuns.map((r) => r.image_steps_per_s) };
    rows.push({
      ...m,
      macs,
      ours,
      torch,
      rate,
      rates,
      ratio: rate / torch.image_steps_per_s,
      kernels,
      holdsBack: holdsBack(kernels),
      profileSeconds: prof.seconds,
    });
    console.error(
      `${m.label}: snn-ts ${Math.round(rate)} img·steps/s (${ours.workers} threads), torch ${Math.round(torch.image_steps_per_s)} (${torch.threads} threads) → ${(rate / torch.image_steps_per_s).toFixed(2)}×`,
    );
  }
  peaks.push(densePeak());
  const peak = Math.max(...peaks.map((p) => p.best));
  const fmt = (x) => Math.round(x).toLocaleString('en-US');
  const pct = (x) => `${(100 * x).toFixed(0)} %`;
  const lines = [
    `snn-ts (default: chunked engine, ${THREADS} worker threads) against a PyTorch ${rows[0]?.torch.torch ?? ''} IF loop (${THREADS} intra-op threads) on the same converted network (99.9 %, calibrated on ${CALIBRATION} stratified training images), the same stratified test images and T, in one run; load average ${load.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at the end.`,
    `Threads used: ${rows.map((r) => `${r.label} snn-ts ${r.ours.workers} (${r.ours.path}), PyTorch ${r.torch.threads}`).join('; ')}.`,
    `Each side ran ${ROUNDS} times per model, alternating, each run a fresh process; the table gives the medians. snn-ts starts its worker threads before the clock, as \`snn eval\` does (before it calibrates), and PyTorch warms up before its clock. Image·steps/s run by run: ${rows.map((r) => `${r.label} snn-ts ${r.rates.ours.map(fmt).join(', ')}; PyTorch ${r.rates.torch.map(fmt).join(', ')}`).join('; ')}.`,
    `Dense SIMD peak measured here (bench/peak.mjs: tfjs-wasm XNNPACK matMul 1024², 1 thread, best of ${peaks[0].rounds} calls after a 0.5 s warm-up): ${peaks.map((p) => `${p.best.toFixed(1)} (median ${p.median.toFixed(1)})`).join(' before, ')} after the models → ${peak.toFixed(1)} GFLOP/s per core; 2 cores (two processes at once): ${peak2.best.toFixed(1)} (${peak2.each.map((e) => e.best.toFixed(1)).join(' + ')}).`,
    '',
    '| model | dense M MAC per image·step | T | images | snn-ts img·steps/s | PyTorch IF loop | snn-ts ÷ PyTorch | snn-ts dense-equiv. GFLOP/s (÷ 2-core peak) | correct snn-ts / PyTorch | peak RSS MB snn-ts / PyTorch |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => {
      const gf = (2 * r.macs * r.rate) / 1e9;
      return `| ${r.label} | ${(r.macs / 1e6).toFixed(2)} | ${r.T} | ${r.ours.n} | ${fmt(r.rate)} | ${fmt(r.torch.image_steps_per_s)} | ${r.ratio.toFixed(2)}× | ${gf.toFixed(1)} (${pct(gf / peak2.best)}) | ${r.ours.correct} / ${r.torch.correct} | ${r.ours.peakRssMB.toFixed(0)} / ${r.torch.peakRssMB?.toFixed(0)} |`;
    }),
    '',
    `Where the time goes (snn-ts, kernel profile of one more run of the same images, T and ${THREADS} worker threads, thread-seconds summed; kernels under 1 % of the time left out; GFLOP/s dense-equivalent of the layer per core (the sparse kernels skip zero inputs, so it can pass the peak), ÷ the one-core peak):`,
    '',
    '| model | node | op | kernel | share of kernel time | share of dense MACs | dense-equiv. GFLOP/s (÷ 1-core peak) |',
    '|---|---|---|---|---|---|---|',
    ...rows.flatMap((r) =>
      r.kernels
        .filter((k) => k.share >= 0.01)
        .map(
          (k) =>
            `| ${r.label} | ${k.node} | ${k.op} | ${k.kernel} | ${pct(k.share)} | ${k.macShare ? pct(k.macShare) : ''} | ${k.gflops === undefined ? '' : `${k.gflops.toFixed(1)} (${pct(k.gflops / peak)})`} |`,
        ),
    ),
    '',
    ...rows
      .filter((r) => r.holdsBack)
      .map(
        ({ label, holdsBack: k }) =>
          `${label}: held back most by ${k.node} (${k.kernel}): ${pct(k.share)} of the time for ${pct(k.macShare)} of the MACs, ${k.gflops.toFixed(1)} GFLOP/s (${pct(k.gflops / peak)} of one core's peak); at the other MAC layers' rate per MAC the model would run ${k.speedup.toFixed(2)}× faster.`,
      ),
  ];
  console.log(lines.join('\n'));
  console.log(JSON.stringify({ loadAverage: load, peakGflopsPerCore: peak, peaks, peak2Cores: peak2, threads: THREADS, rows }));
}

const [mode, arg] = process.argv.slice(2);
if (mode === '--child') await child(JSON.parse(arg));
else await main();
