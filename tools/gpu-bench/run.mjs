#!/usr/bin/env node
// GPU benchmark: the CPU fast path, the GPU reference path and the GPU engine side by side, in one
// process, on the same converted SNN and the same test images; prints the three rates (image × steps
// per second, wall and per CPU-second of this process), their ratios, and whether the accuracy at
// every t is the same on all three.
//
//   pnpm install && pnpm build && node tools/gpu-bench/run.mjs                 # webgpu, T = 64, cnn + resnet
//   node tools/gpu-bench/run.mjs --backend webgpu --models cnn --T 32 --images 200 --json out.json
//   node tools/gpu-bench/run.mjs --backend tensorflow                          # CUDA through tfjs-node-gpu
//   node tools/gpu-bench/run.mjs --quick                                       # tiny sizes: checks the script runs
//
// Conversion (99.9 %, 500 class-stratified training images) runs on wasm. Test images are a
// class-stratified, seeded subset. Each GPU path runs once on a few images first (shader
// compilation), then is timed. On a machine without a GPU driver Dawn uses SwiftShader (a CPU
// Vulkan driver): the ratio still holds (same process, same images), the rates are not a GPU's.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { getBackendFactory, initBackend, registerBackendFactory } from '@snn/backend';
import { convert, parseMode } from '@snn/converter';
import { loadDataset, stratifiedSubset } from '@snn/datasets';
import { importOnnx } from '@snn/onnx';
import { simulate } from '@snn/simulator';
import * as tf from '@tensorflow/tfjs-core';

const root = resolve(import.meta.dirname, '..', '..');
const FIXTURES = join(root, 'packages', 'onnx', 'test', 'fixtures');

const { values: o } = parseArgs({
  options: {
    backend: { type: 'string', default: 'webgpu' },
    models: { type: 'string', default: 'cnn,resnet' },
    T: { type: 'string', default: '64' },
    images: { type: 'string', default: '200' },
    batch: { type: 'string', default: '200' },
    mode: { type: 'string', default: '99.9%' },
    paths: { type: 'string', default: 'cpu,reference,engine' },
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (o.help) {
  console.log(
    'node tools/gpu-bench/run.mjs [--backend webgpu|tensorflow] [--models cnn,resnet] [--T 64] [--images 200] [--batch 200] [--paths cpu,reference,engine] [--quick] [--json out.json]',
  );
  process.exit(0);
}
const T = o.quick ? 4 : Number(o.T);
const images = o.quick ? 8 : Number(o.images);
const batchSize = o.quick ? 8 : Number(o.batch);
const paths = o.paths.split(',');
for (const [name, v] of Object.entries({ T, images, batch: batchSize }))
  if (!(Number.isInteger(v) && v > 0)) throw new Error(`--${name} must be a positive integer, got ${o[name]}`);

const MODELS = {
  cnn: { name: 'tutorial CNN', file: 'mnist_cnn_mnist.onnx', data: 'mnist' },
  resnet: { name: 'ResNet', file: 'resnet_fashion_folded.onnx', data: 'fashion-mnist' },
};

// tfjs-node-gpu may be installed at the root, in tools/ or in examples/node-gpu: look in each.
const packaged = getBackendFactory('tensorflow');
registerBackendFactory('tensorflow', {
  priority: 4,
  async load(opts) {
    for (const from of [root, import.meta.dirname, join(root, 'examples', 'node-gpu')])
      for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
        let path;
        try {
          path = createRequire(join(from, 'package.json')).resolve(pkg);
        } catch {
          continue;
        }
        await import(pathToFileURL(path).href);
        return pkg;
      }
    if (packaged) return packaged.load(opts);
    throw new Error('tfjs-node-gpu is not installed');
  },
});

/** Converts on wasm; returns the SNN and the test subset as an ArraySource. */
async function prepare(model) {
  await initBackend('wasm');
  const { train, test } = await loadDataset(model.data);
  const calib = stratifiedSubset(train, 500, 1).split;
  const ann = await importOnnx(join(FIXTURES, model.file));
  const x = tf.tensor(calib.images, [calib.n, ...calib.shape]);
  const { snn } = await convert(ann, [x], parseMode(o.mode));
  x.dispose();
  const sub = stratifiedSubset(test, images).split;
  return { snn, data: { images: sub.images, labels: sub.labels, n: sub.n, shape: sub.shape } };
}

/** One timed run: wall seconds and this process's CPU seconds (every thread: workers, Dawn's). */
async function timed(snn, data, opts) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await simulate(snn, data, { T, batchSize, ...opts });
  const c = process.cpuUsage(cpu0);
  return { path: r.path, seconds: (performance.now() - t0) / 1000, cpuSeconds: (c.user + c.system) / 1e6, correct: r.correct, accuracy: r.accuracy };
}

const head = (d, n) => ({ ...d, images: d.images.subarray(0, n * d.shape.reduce((a, b) => a * b, 1)), labels: d.labels.slice(0, n), n });
const rows = [];
const notes = [];
const env = { node: process.version, cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`, tfjs: tf.version_core };
console.log(`gpu-bench: ${o.backend}, T = ${T}, ${images} test images, batch ${batchSize}, mode ${o.mode}; Node ${env.node}, ${env.cpus}`);

for (const key of o.models.split(',')) {
  const model = MODELS[key];
  if (!model) throw new Error(`unknown model '${key}' (cnn, resnet)`);
  const { snn, data } = await prepare(model);
  const runs = {};
  if (paths.includes('cpu')) runs.cpu = await timed(snn, data, {});
  let detail;
  try {
    const report = await initBackend(o.backend);
    detail = report.attempts.at(-1)?.reason ?? o.backend;
  } catch (e) {
    notes.push(`${o.backend}: not available (${e.attempts?.[0]?.reason ?? e.message})`);
  }
  if (detail) {
    const warm = head(data, Math.min(4, data.n));
    for (const [name, opts] of [
      ['reference', { path: 'reference' }],
      ['engine', {}],
    ]) {
      if (!paths.includes(name)) continue;
      await simulate(snn, warm, { T: Math.min(T, 4), batchSize, ...opts }); // compile shaders first
      runs[name] = await timed(snn, data, opts);
      console.log(`  ${model.name}: ${name} done`);
    }
  }
  await initBackend('wasm');
  for (const n of snn.nodes) tf.dispose(Object.values(n.params));
  const rate = (r) => (data.n * T) / r.seconds;
  const cpuRate = (r) => (data.n * T) / r.cpuSeconds;
  const list = Object.entries(runs);
  const same = list.every(([, r]) => r.correct.every((c, t) => c === list[0][1].correct[t]));
  const row = { model: model.name, backend: o.backend, detail, n: data.n, T, runs, sameAccuracyAtEveryT: same };
  if (runs.engine && runs.reference)
    row.engineOverReference = { wall: rate(runs.engine) / rate(runs.reference), cpu: cpuRate(runs.engine) / cpuRate(runs.reference) };
  if (runs.engine && runs.cpu) row.engineOverCpu = { wall: rate(runs.engine) / rate(runs.cpu), cpu: cpuRate(runs.engine) / cpuRate(runs.cpu) };
  rows.push(row);
  console.log(`\n${model.name} on ${o.backend} (${detail ?? 'not started'}), ${data.n} images, T = ${T}`);
  const fmt = (v) => Math.round(v).toLocaleString('en-US');
  for (const [name, r] of list)
    console.log(
      `  ${name.padEnd(9)} ${r.path.padEnd(16)} ${r.seconds.toFixed(1).padStart(8)} s  ${fmt(rate(r)).padStart(8)} img·steps/s  ${r.cpuSeconds.toFixed(1).padStart(8)} CPU-s  ${fmt(cpuRate(r)).padStart(8)} img·steps/CPU-s  accuracy at T ${(100 * r.accuracy[T - 1]).toFixed(2)} %`,
    );
  if (row.engineOverReference)
    console.log(`  engine / reference: ${row.engineOverReference.wall.toFixed(2)}× wall, ${row.engineOverReference.cpu.toFixed(2)}× per CPU-second`);
  if (row.engineOverCpu)
    console.log(`  engine / CPU fast path: ${row.engineOverCpu.wall.toFixed(2)}× wall, ${row.engineOverCpu.cpu.toFixed(2)}× per CPU-second`);
  console.log(`  accuracy at every t the same on all paths: ${same ? 'yes' : 'NO'}`);
  if (!same) process.exitCode = 1;
}
for (const n of new Set(notes)) console.log(`note: ${n}`);
if (o.json) writeFileSync(o.json, `${JSON.stringify({ T, images, batchSize, mode: o.mode, env, rows, notes }, null, 2)}\n`);
