// WebGPU in Node over SwiftShader (Debian's chromium ships the driver; CI installs it): small shapes,
// since SwiftShader is ~100× slower than wasm. What runs on WebGPU must equal wasm within 1e-4.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@snn/backend';
import { runCli } from '@snn/cli';
import { convert, parseMode } from '@snn/converter';
import { loadEmbeddedMnist } from '@snn/datasets';
import { disposeState, execute, type Graph, type GraphState } from '@snn/graph';
import { importOnnx } from '@snn/onnx';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM module without types
import { GPU_ORDER, startGpuBackend } from '../src/backend.mjs';
import { writeIdxDir } from './idx.js';

const MODEL = join(import.meta.dirname, '..', '..', '..', 'packages', 'onnx', 'test', 'fixtures', 'mnist_cnn_mnist.onnx');
const TOL = 1e-4;

let webgpu: { ok: boolean; reason?: string };
let snn: Graph;
let images: Float32Array;
const dir = mkdtempSync(join(tmpdir(), 'snn-node-gpu-'));

/** The SNN's output at each of T steps, read back asynchronously (what works on every backend). */
async function steps(g: Graph, x: Float32Array, n: number, T: number): Promise<number[]> {
  const input = tf.tensor4d(x, [n, 28, 28, 1]);
  let state: GraphState | undefined;
  const out: number[] = [];
  for (let t = 0; t < T; t++) {
    const r = execute(g, input, { state });
    disposeState(state);
    state = r.state;
    out.push(...(await r.outputs[0].data()));
    tf.dispose(r.outputs);
  }
  disposeState(state);
  input.dispose();
  return out;
}

const maxAbs = (a: number[], b: number[]) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), a.length === b.length ? 0 : Number.POSITIVE_INFINITY);

beforeAll(async () => {
  const data = await loadEmbeddedMnist();
  writeIdxDir(dir, data, 3, 1);
  images = data.test.images.slice(0, 4 * 784);
  await initBackend('wasm');
  const calib = tf.tensor4d(data.train.images.slice(0, 20 * 784), [20, 28, 28, 1]);
  ({ snn } = await convert(importOnnx(MODEL), [calib], parseMode('99.9%')));
  calib.dispose();
  try {
    await initBackend('webgpu');
    webgpu = { ok: true };
  } catch (e) {
    webgpu = { ok: false, reason: (e as Error).message };
  } finally {
    await initBackend('wasm');
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('examples/node-gpu: the GPU backend choice', () => {
  it('takes tfjs-node-gpu (CUDA) where installed, else WebGPU, and says why it skipped the other', async () => {
    const r = await startGpuBackend();
    expect(GPU_ORDER).toEqual(['tensorflow', 'webgpu']);
    const tensorflow = r.attempts[0];
    expect(tensorflow.name).toBe('tensorflow');
    if (tensorflow.ok) expect(r.backend).toBe('tensorflow');
    else {
      expect(tensorflow.reason).toMatch(/tfjs-node-gpu/);
      if (webgpu.ok) expect(r.backend).toBe('webgpu');
    }
    await initBackend('wasm');
  });
});

describe('examples/node-gpu: WebGPU (SwiftShader) equals wasm', () => {
  it(`steps a converted tutorial CNN (4 images, T = 4): outputs within ${TOL} of wasm`, async (ctx) => {
    if (!webgpu.ok) ctx.skip(`WebGPU cannot start here: ${webgpu.reason}`);
    const ref = await steps(snn, images, 4, 4);
    await initBackend('webgpu');
    try {
      const gpu = await steps(snn, images, 4, 4);
      expect(maxAbs(gpu, ref)).toBeLessThanOrEqual(TOL);
      expect(ref.some((v) => v !== 0)).toBe(true);
    } finally {
      await initBackend('wasm');
    }
  });

  it('runs the CLI pipeline (snn eval: convert + simulate) on WebGPU with the same accuracies as on wasm', async (ctx) => {
    if (!webgpu.ok) ctx.skip(`WebGPU cannot start here: ${webgpu.reason}`);
    const run = async (backend: string) => {
      let out = '';
      let err = '';
      const code = await runCli(['eval', MODEL, '--data', dir, '--mode', '99.9%', '--T', '2,4', '--json', '--backend', backend], {
        stdout: (t) => {
          out += t;
        },
        stderr: (t) => {
          err += t;
        },
      });
      return { code, out, err };
    };
    const wasm = await run('wasm');
    expect(wasm.code, wasm.err).toBe(0);
    const gpu = await run('webgpu');
    await initBackend('wasm');
    expect(gpu.code, gpu.err).toBe(0);
    const a = JSON.parse(wasm.out);
    const b = JSON.parse(gpu.out);
    expect(b.ann.accuracy).toBe(a.ann.accuracy);
    expect(b.snn).toEqual(a.snn);
  });
});

// the model and data used above exist (a missing fixture would otherwise only show as a skip)
it('has its fixture', () => {
  expect(readFileSync(MODEL).length).toBeGreaterThan(1000);
});
