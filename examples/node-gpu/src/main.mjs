#!/usr/bin/env node
// The snn CLI pipeline (import → convert → simulate → accuracy at each T, i.e. `snn eval`) on a GPU:
// CUDA through tfjs-node-gpu where installed, else WebGPU in Node.
//   node src/main.mjs [model.onnx] [snn eval options]     (defaults below; --allow-cpu adds wasm last)
import { fileURLToPath } from 'node:url';
import { runCli } from '@snn/cli';
import { describeReport, GPU_ORDER, startGpuBackend } from './backend.mjs';

const MODEL = fileURLToPath(new URL('../../../packages/onnx/test/fixtures/mnist_cnn_mnist.onnx', import.meta.url));
const DEFAULTS = ['--data', 'mnist', '--mode', '99.9%', '--mode', 'auto', '--T', '8,16,32,64', '--limit', '500'];

const argv = process.argv.slice(2);
const allowCpu = argv.includes('--allow-cpu');
const rest = argv.filter((a) => a !== '--allow-cpu');
const model = rest[0] && !rest[0].startsWith('--') ? rest.shift() : MODEL;
const options = rest.length ? rest : DEFAULTS;

let report;
try {
  report = await startGpuBackend(allowCpu ? [...GPU_ORDER, 'wasm'] : GPU_ORDER);
} catch (e) {
  console.error(`no GPU backend could start:\n${e.message}\n(--allow-cpu runs on wasm instead)`);
  process.exit(2);
}
console.error(`backend: ${describeReport(report)}`);
process.exitCode = await runCli(['eval', model, ...options, '--backend', report.backend]);
