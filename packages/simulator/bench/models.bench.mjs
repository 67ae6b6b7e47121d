// snn-ts against a plain PyTorch IF loop (tools/torch-bench/if_loop.py, 2 threads) on the same ONNX
// weights, the same images and T, in one run: the tutorial CNN, the Fashion ResNet and two wide
// VGG-style nets (bench/fixtures, tools/fixtures/export_wide_vgg.py). Each model is converted
// once (99.9 %, calibrated on 500 stratified training images, seed 0); both sides simulate the
// converted network (θ from snn-ts) on the same stratified test images (seed 0), constant input.
// Also: a per-kernel profile of snn-ts (1 thread) with each kernel's dense-equivalent GFLOP/s, and
// the machine's dense SIMD peak measured here (tfjs-wasm/XNNPACK matMul 1024², one thread).
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
import { annMacs, kernelProfile, simulate } from '@snn/simulator';
import { runIfLoop, writePeerInputs } from '../../../tools/torch-bench/peer.mjs';
import { densePeakGflops } from './peak.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const quick = process.env.SNN_BENCH_QUICK === '1';
const only = process.env.SNN_BENCH_MODELS?.split(',');
const onnxDir = join(here, '../../onnx/test/fixtures');
const MODELS = [
  { key: 'tutorial', label: 'tutorial CNN (MNIST)', onnx: join(onnxDir, 'mnist_cnn_mnist.onnx'), data: 'mnist', T: 200, n: quick ? 200 : 1000, profileN: 100 },
  {
    key: 'resnet',
    label: 'Fashion ResNet',
    onnx: join(onnxDir, 'resnet_fashion_folded.onnx'),
    data: 'fashion-mnist',
    T: 64,
    n: quick ? 100 : 500,
    profileN: 50,
  },
  { key: 'vgg32', label: 'wide VGG W=32', onnx: join(here, 'fixtures/vgg_wide32.onnx'), data: 'fashion-mnist', T: 32, n: quick ? 50 : 300, profileN: 20 },
  { key: 'vgg64', label: 'wide VGG W=64', onnx: join(here, 'fixtures/vgg_wide64.onnx'), data: 'fashion-mnist', T: 32, n: quick ? 20 : 200, profileN: 10 },
].filter((m) => !only || only.includes(m.key));
const CALIBRATION = 500;

/** Dense multiply-adds per sample of one node (Conv2d: kh·kw·C·M·Ho·Wo; Linear: in·out). */
function nodeMacs(node) {
  const w = node.params.weight?.shape;
  if (node.op === 'Conv2d') return w[0] * w[1] * w[2] * w[3] * node.shape[0] * node.shape[1];
  if (node.op === 'Linear') return w[0] * w[1];
  return 0;
}

function loadSaved(dir) {
  return loadGraph(readFileSync(join(dir, 'snn.json'), 'utf8'), new Uint8Array(readFileSync(join(dir, 'snn.bin'))));
}

/** Child: the saved SNN on the saved samples; `profile`: 1 thread with the kernel profile on. */
async function child(spec) {
  await initBackend('wasm');
  const snn = loadSaved(spec.dir);
  const shape = snn.inputs[0].shape;
  const per = shape.reduce((a, b) => a * b, 1);
  const all = new Float32Array(readFileSync(join(spec.dir, 'images.f32')).buffer.slice(0));
  const labels = new Uint8Array(readFileSync(join(spec.dir, 'labels.u8')));
  const n = spec.n ?? labels.length;
  const data = { images: all.subarray(0, n * per), labels: labels.subarray(0, n), n, shape };
  if (spec.profile) kernelProfile(true);
  const t0 = performance.now();
  const r = await simulate(snn, data, { T: spec.T, ...(spec.profile ? { workers: 1 } : {}) });
  const seconds = (performance.now() - t0) / 1000;
  const profile = spec.profile ? kernelProfile(false) : undefined;
  const macs = Object.fromEntries(snn.nodes.map((node) => [node.name, nodeMacs(node)]));
  const out = { seconds, n, path: r.path, workers: r.workers, correct: r.correct[spec.T - 1], peakRssMB: process.resourceUsage().maxRSS / 1024, profile, macs };
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

async function main() {
  const load = loadavg()[0];
  await initBackend('wasm');
  const peak = densePeakGflops();
  const rows = [];
  for (const m of MODELS) {
    const dir = mkdtempSync(join(tmpdir(), `snn-models-${m.key}-`));
    const { snn, files, shape } = await prepare(m, dir);
    const macs = annMacs(snn);
    const ours = run({ dir, T: m.T });
    const prof = run({ dir, T: m.T, n: m.profileN, profile: true });
    const torch = runIfLoop({ onnx: m.onnx, files, shape, T: m.T });
    const rate = (ours.n * m.T) / ours.seconds;
    const steps = prof.n * m.T;
    const total = prof.profile.reduce((s, k) => s + k.ms, 0);
    const kernels = prof.profile.slice(0, 6).map((k) => ({
      ...k,
      share: k.ms / total,
      gflops: prof.macs[k.node] && k.kernel !== 'static' ? (2 * prof.macs[k.node] * steps) / (k.ms / 1000) / 1e9 : undefined,
    }));
    rows.push({ ...m, macs, ours, torch, rate, ratio: rate / torch.image_steps_per_s, kernels, profileSeconds: prof.seconds });
    console.error(
      `${m.label}: snn-ts ${Math.round(rate)} img·steps/s, torch ${Math.round(torch.image_steps_per_s)} → ${(rate / torch.image_steps_per_s).toFixed(2)}×`,
    );
  }
  const fmt = (x) => Math.round(x).toLocaleString('en-US');
  const lines = [
    `snn-ts (default: chunked engine, worker threads) against a PyTorch ${rows[0]?.torch.torch ?? ''} IF loop (2 threads) on the same converted network (99.9 %, calibrated on ${CALIBRATION} stratified training images), the same stratified test images and T, in one run; load average ${load.toFixed(1)} at start.`,
    `Dense SIMD peak measured here (tfjs-wasm XNNPACK matMul 1024², 1 thread): ${peak.toFixed(1)} GFLOP/s per core, ${(2 * peak).toFixed(1)} for the 2 cores.`,
    '',
    '| model | dense M MAC per image·step | T | images | snn-ts img·steps/s | PyTorch IF loop | snn-ts ÷ PyTorch | snn-ts dense-equiv. GFLOP/s (÷ 2-core peak) | correct snn-ts / PyTorch | peak RSS MB snn-ts / PyTorch |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => {
      const gf = (2 * r.macs * r.rate) / 1e9;
      return `| ${r.label} | ${(r.macs / 1e6).toFixed(2)} | ${r.T} | ${r.ours.n} | ${fmt(r.rate)} | ${fmt(r.torch.image_steps_per_s)} | ${r.ratio.toFixed(2)}× | ${gf.toFixed(1)} (${((100 * gf) / (2 * peak)).toFixed(0)} %) | ${r.ours.correct} / ${r.torch.correct} | ${r.ours.peakRssMB.toFixed(0)} / ${r.torch.peakRssMB?.toFixed(0)} |`;
    }),
    '',
    'Where the time goes (snn-ts, 1 thread, kernel profile; GFLOP/s dense-equivalent of the layer, against the one-core peak):',
    '',
    '| model | node | op | kernel | share of kernel time | dense-equiv. GFLOP/s (÷ 1-core peak) |',
    '|---|---|---|---|---|---|',
    ...rows.flatMap((r) =>
      r.kernels.map(
        (k) =>
          `| ${r.label} | ${k.node} | ${k.op} | ${k.kernel} | ${(100 * k.share).toFixed(0)} % | ${k.gflops === undefined ? '' : `${k.gflops.toFixed(1)} (${((100 * k.gflops) / peak).toFixed(0)} %)`} |`,
      ),
    ),
  ];
  console.log(lines.join('\n'));
  console.log(JSON.stringify({ loadAverage: load, peakGflopsPerCore: peak, rows }));
}

const [mode, arg] = process.argv.slice(2);
if (mode === '--child') await child(JSON.parse(arg));
else await main();
