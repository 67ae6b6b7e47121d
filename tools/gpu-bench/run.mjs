#!/usr/bin/env node
// GPU benchmark: image × time-steps per second of converted SNNs (the tutorial CNN and the ResNet
// fixture) at T = 64, on every backend that starts here — tensorflow (CUDA, tfjs-node-gpu), webgpu
// (Dawn on Vulkan/Metal/D3D12; SwiftShader without a GPU) — with wasm as the CPU baseline.
// SpikingJelly's tutorial: 10,000 images × 200 steps in 11 s on a GTX 2080 Ti = 181,818 img·steps/s.
//
//   pnpm install && pnpm build && node tools/gpu-bench/run.mjs
//   node tools/gpu-bench/run.mjs --backends webgpu,wasm --batch 100,500 --images 2000 --T 64 --json out.json
//   node tools/gpu-bench/run.mjs --quick          # seconds: tiny sizes, to check the script runs
//   (WebGPU on SwiftShader — no GPU driver — is skipped unless --swiftshader: it is ~100× slower than wasm)
//
// Each measurement converts on wasm (99.9% recipe, 500 training images), moves to the backend,
// warms up (shader compilation), then times `images` images in batches of `batch` for T steps:
// one execute() per step with the output summed on the device and read back once per batch, so
// the figure is the backend's, not the read-back's. On wasm the fast simulator (`simulate`) runs too.
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { getBackendFactory, initBackend, registerBackendFactory } from '@snn/backend';
import { convert, parseMode } from '@snn/converter';
import { loadDataset } from '@snn/datasets';
import { disposeState, execute } from '@snn/graph';
import { importOnnx } from '@snn/onnx';
import { simulate } from '@snn/simulator';
import * as tf from '@tensorflow/tfjs-core';

const root = resolve(import.meta.dirname, '..', '..');
const FIXTURES = join(root, 'packages', 'onnx', 'test', 'fixtures');
const SPIKINGJELLY = { imagesSteps: 10_000 * 200, seconds: 11, gpu: 'GTX 2080 Ti' };

const { values: o } = parseArgs({
  options: {
    backends: { type: 'string', default: 'tensorflow,webgpu,wasm' },
    models: { type: 'string', default: 'cnn,resnet' },
    T: { type: 'string', default: '64' },
    batch: { type: 'string', default: '100,1000' },
    images: { type: 'string', default: '2000' },
    mode: { type: 'string', default: '99.9%' },
    quick: { type: 'boolean', default: false },
    swiftshader: { type: 'boolean', default: false },
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (o.help) {
  console.log(
    'node tools/gpu-bench/run.mjs [--backends tensorflow,webgpu,wasm] [--models cnn,resnet] [--T 64] [--batch 100,1000] [--images 2000] [--quick] [--json out.json]',
  );
  process.exit(0);
}
const T = o.quick ? 4 : Number(o.T);
const batches = (o.quick ? '8' : o.batch).split(',').map(Number);
const images = o.quick ? 16 : Number(o.images);

const MODELS = {
  cnn: { name: 'tutorial CNN', file: 'mnist_cnn_mnist.onnx', data: 'mnist' },
  resnet: { name: 'ResNet (fashion)', file: 'resnet_fashion_folded.onnx', data: 'fashion-mnist' },
};

// tfjs-node-gpu may be installed at the root, here, or in examples/node-gpu: look in each.
const packaged = getBackendFactory('tensorflow');
registerBackendFactory('tensorflow', {
  priority: 4,
  async load(opts) {
    for (const from of [root, import.meta.dirname, join(root, 'examples', 'node-gpu')]) {
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
    }
    if (packaged) return packaged.load(opts);
    throw new Error('tfjs-node-gpu is not installed');
  },
});

const datasets = new Map();
async function data(name) {
  if (!datasets.has(name)) {
    try {
      datasets.set(name, await loadDataset(name));
    } catch {
      datasets.set(name, await loadDataset('mnist')); // Fashion-MNIST missing: throughput does not depend on it much
    }
  }
  return datasets.get(name);
}

/** Converts on wasm (reads back freely), whatever backend will run it. */
async function prepare(model) {
  await initBackend('wasm');
  const { train, test } = await data(model.data);
  const calib = tf.tensor(train.images.subarray(0, 500 * 784), [500, 28, 28, 1]);
  const ann = importOnnx(join(FIXTURES, model.file));
  const { snn } = await convert(ann, [calib], parseMode(o.mode));
  calib.dispose();
  return { snn, test };
}

/** N images in batches of B for T steps on the current backend; the output sum stays on the device. */
async function deviceLoop(snn, test, B, N) {
  const per = 784;
  let done = 0;
  const t0 = performance.now();
  for (let i = 0; i < N; i += B) {
    const m = Math.min(B, N - i);
    const start = (i % Math.max(1, test.n - m)) * per;
    const x = tf.tensor(test.images.subarray(start, start + m * per), [m, 28, 28, 1]);
    let state;
    let sum;
    for (let t = 0; t < T; t++) {
      const r = execute(snn, x, { state });
      disposeState(state);
      state = r.state;
      const next = sum ? tf.add(sum, r.outputs[0]) : tf.clone(r.outputs[0]);
      tf.dispose([sum, ...r.outputs]);
      sum = next;
    }
    await sum.data();
    tf.dispose([sum, x]);
    disposeState(state);
    done += m;
  }
  return { seconds: (performance.now() - t0) / 1000, imagesSteps: done * T };
}

async function simulatorRun(snn, test, B, N) {
  const src = { images: test.images.subarray(0, N * 784), labels: test.labels.subarray(0, N), n: N, shape: [28, 28, 1] };
  const r = await simulate(snn, src, { T, batchSize: B });
  return { seconds: r.seconds, imagesSteps: N * T, path: `${r.path ?? 'simulate'}×${r.workers ?? 1}` };
}

const rows = [];
const notes = [];
const env = { node: process.version, cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`, tfjs: tf.version_core };
console.log(`gpu-bench: T = ${T}, batches ${batches.join(', ')}, ${images} images per measurement, mode ${o.mode}; Node ${env.node}, ${env.cpus}`);

for (const key of o.models.split(',')) {
  const model = MODELS[key];
  if (!model) throw new Error(`unknown model '${key}' (cnn, resnet)`);
  if (!existsSync(join(FIXTURES, model.file))) {
    notes.push(`${model.name}: fixture ${model.file} missing, skipped`);
    continue;
  }
  for (const backend of o.backends.split(',')) {
    // a fresh conversion per backend: tensors moved to a GPU cannot all be read back synchronously
    const { snn, test } = await prepare(model);
    let report;
    try {
      report = await initBackend(backend);
    } catch (e) {
      if (!notes.some((n) => n.startsWith(`${backend}:`))) notes.push(`${backend}: not available (${e.attempts?.[0]?.reason ?? e.message})`);
      continue;
    }
    const detail = report.attempts.at(-1)?.reason ?? backend;
    if (/swiftshader/i.test(detail) && !o.quick && !o.swiftshader) {
      notes.push(`${backend}: runs on SwiftShader (a CPU Vulkan driver, no GPU found): skipped; --swiftshader times it anyway`);
      for (const n of snn.nodes) tf.dispose(Object.values(n.params));
      continue;
    }
    for (const B of batches) {
      try {
        await deviceLoop(snn, test, Math.min(B, 8), Math.min(B, 8)); // warm-up: compile kernels/shaders
        const r = await deviceLoop(snn, test, B, Math.max(images, B));
        rows.push({ model: model.name, backend, detail, path: 'execute/step', batch: B, ...r });
      } catch (e) {
        notes.push(`${model.name} on ${backend}, batch ${B}: ${String(e.message).split('\n')[0]}`);
      }
      console.log(`  measured ${model.name} on ${backend}, batch ${B}`);
    }
    if (backend === 'wasm') {
      for (const B of batches) {
        const r = await simulatorRun(snn, test, B, Math.min(Math.max(images, B), test.n));
        rows.push({ model: model.name, backend, detail, batch: B, ...r });
      }
    }
    for (const n of snn.nodes) tf.dispose(Object.values(n.params));
  }
}

const fmt = (v) => Math.round(v).toLocaleString('en-US');
const table = [
  ['model', 'backend', 'path', 'batch', 'T', 'img·steps', 'seconds', 'img·steps/s', 'vs SpikingJelly'],
  ...rows.map((r) => {
    const rate = r.imagesSteps / r.seconds;
    return [
      r.model,
      r.backend,
      r.path,
      String(r.batch),
      String(T),
      fmt(r.imagesSteps),
      r.seconds.toFixed(2),
      fmt(rate),
      `${((100 * rate) / (SPIKINGJELLY.imagesSteps / SPIKINGJELLY.seconds)).toFixed(1)}%`,
    ];
  }),
];
const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
console.log('');
for (const [i, row] of table.entries()) {
  console.log(row.map((cell, c) => (c >= 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log(
  `\nSpikingJelly (ann2snn tutorial): 10,000 images × 200 steps in ${SPIKINGJELLY.seconds} s on a ${SPIKINGJELLY.gpu} = ${fmt(SPIKINGJELLY.imagesSteps / SPIKINGJELLY.seconds)} img·steps/s`,
);
for (const r of new Set(rows.map((r) => `${r.backend}: ${r.detail ?? ''}`))) console.log(`backend ${r}`);
for (const n of new Set(notes)) console.log(`note: ${n}`);
if (o.json) writeFileSync(o.json, `${JSON.stringify({ T, batches, images, mode: o.mode, env, spikingjelly: SPIKINGJELLY, rows, notes }, null, 2)}\n`);
if (rows.length === 0) process.exitCode = 1;
