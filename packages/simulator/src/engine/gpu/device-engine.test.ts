// The device engine on WebGPU in Node (Dawn over SwiftShader, as CI has it) against the wasm fast
// path: the same accuracy at every t, running output sums within 1e-5 relative (GPU kernels add in
// another order), differing spike counts counted and printed. SwiftShader is slow: tens of images.
import { initBackend } from '@snn/backend';
import { type Graph, GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  engineSums,
  fashionFixtureSnn,
  fashionOrMnist,
  mnistTestSubset,
  residualData,
  residualSnn,
  resnetSnn,
  tutorialSnn,
  uniformTensors,
  withDrives,
} from '../../../test/helpers.js';
import { constantEncoder } from '../../encoders/constant.js';
import { poissonEncoder } from '../../encoders/poisson.js';
import { firingRates } from '../../monitors/firing-rate.js';
import { membraneTraces, spikeTrains } from '../../monitors/neuron-trace.js';
import { synapticOps } from '../../monitors/synaptic-ops.js';
import { simulate } from '../../simulate.js';
import type { ArraySource } from '../../types.js';
import { registerKernel, unregisterKernel } from '../kernels/registry.js';
import { compilePlan } from '../plan.js';
import { DeviceRunner } from './device-runner.js';
import { readStatefulParams } from './simulate-device.js';
import { webgpuNeuronKernel } from './wgsl-neuron.js';

let gpu = '';
beforeAll(async () => {
  const r = await initBackend('webgpu').catch((e: Error) => e);
  if (r instanceof Error) console.warn(`device engine tests skipped: WebGPU did not start (${r.message.split('\n')[0]})`);
  else gpu = r.attempts.at(-1)?.reason ?? 'webgpu';
  await initBackend('wasm');
});
afterAll(() => initBackend('wasm'));

/** The device engine's running sums Σ_{τ≤t} out_τ for t = 1..T, one `[count·K]` array per t (read through the output hook). */
async function deviceSums(snn: Graph, data: ArraySource, T: number, chunk: number): Promise<Float32Array[]> {
  const sums: Float32Array[] = [];
  let acc: Float32Array | undefined;
  const noSpikes = { wantsSpikes: () => false, wantsMembrane: () => false, spikes() {}, membrane() {} };
  const output = (info: { count: number; size: number; steps: number }, out: ArrayLike<number>, same: boolean) => {
    const m = info.count * info.size;
    acc ??= new Float32Array(m);
    for (let s = 0; s < info.steps; s++) {
      for (let i = 0; i < m; i++) acc[i] += out[(same ? 0 : s * m) + i];
      sums.push(acc.slice());
    }
  };
  await readStatefulParams(snn);
  const runner = new DeviceRunner(compilePlan(snn, true), { T, encoder: constantEncoder(), engine: { chunk }, hooks: { ...noSpikes, output } }, 'webgpu');
  await runner.run({ host: data.images, labels: Array.from(data.labels), first: 0, count: data.n });
  runner.dispose();
  return sums;
}

/** Largest |a − b| / max(|b|, 1) over every t and value. */
function maxRelDiff(a: Float32Array[], b: Float32Array[]): number {
  let m = a.length === b.length ? 0 : Number.POSITIVE_INFINITY;
  a.forEach((x, t) => {
    for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - b[t][i]) / Math.max(Math.abs(b[t][i]), 1));
  });
  return m;
}

/** Spike counts per neuron and sample of every spiking node, from `firingRates({ samples })`. */
function spikeCounts(r: Awaited<ReturnType<typeof simulate>>, T: number): number[] {
  const rates = r.monitors?.rates as Record<string, { neurons?: number[][] }>;
  return Object.values(rates).flatMap((n) => (n.neurons ?? []).flatMap((row) => row.map((v) => Math.round(v * T))));
}

/** Runs both engines; checks accuracy at every t, confusion, sums (1e-5 relative); returns the differing spike counts. */
async function compare(what: string, snn: Graph, data: ArraySource, T: number, chunk: number) {
  const samples = Array.from({ length: data.n }, (_, i) => i);
  const opts = { T, chunk, workers: 1, batchSize: data.n, monitors: [firingRates({ samples, name: 'rates' })] };
  await initBackend('wasm');
  const cpu = await simulate(snn, data, opts);
  const cpuSums = engineSums(snn, data.images, data.n, T, chunk);
  await initBackend('webgpu');
  const dev = await simulate(snn, data, opts);
  const devSums = await deviceSums(snn, data, T, chunk);
  await initBackend('wasm');
  expect(cpu.path).toBe('chunked');
  expect(dev.path).toBe('gpu');
  expect(dev.correct, `${what}: correct at every t`).toEqual(cpu.correct);
  expect(dev.confusion).toEqual(cpu.confusion);
  expect(maxRelDiff(devSums, cpuSums), `${what}: running sums`).toBeLessThanOrEqual(1e-5);
  const a = spikeCounts(cpu, T);
  const b = spikeCounts(dev, T);
  expect(b).toHaveLength(a.length);
  const differing = a.reduce((d, v, i) => d + Math.abs(v - b[i]), 0);
  const total = a.reduce((s, v) => s + v, 0);
  console.log(
    `${what} on ${gpu}: T=${T}, ${data.n} images, accuracy at T ${dev.accuracy[T - 1]}; spikes ${total}, differing ${differing}; max relative sum difference ${maxRelDiff(devSums, cpuSums).toExponential(2)}`,
  );
  expect(differing).toBeLessThanOrEqual(total * 1e-3);
}

// SwiftShader on a loaded 2-core machine: a fixture case can take a minute or more.
describe('device engine on WebGPU (Node, SwiftShader) = wasm fast path', { timeout: 600_000 }, () => {
  it('tutorial CNN (99.9%): accuracy at every t, sums, spikes', async ({ skip }) => {
    if (!gpu) skip();
    await compare('tutorial CNN', await tutorialSnn('99.9%', 300), await mnistTestSubset(12), 12, 5);
  });

  it('tutorial CNN (99.9%) with drives for 5 steps (stopping inside a chunk)', async ({ skip }) => {
    if (!gpu) skip();
    await compare('tutorial CNN, driven', withDrives(await tutorialSnn('99.9%', 300), 5), await mnistTestSubset(12), 12, 4);
  });

  it('ResNet fixture (99.9%)', async ({ skip }) => {
    if (!gpu) skip();
    const data = await mnistTestSubset(6, fashionOrMnist());
    await compare('ResNet', await resnetSnn('99.9%', 200), data, 8, 4);
  });

  it('max-pool fixture (SpikingMaxPool2d through the device-step kernel)', async ({ skip }) => {
    if (!gpu) skip();
    await compare('maxpool_relu', await fashionFixtureSnn('maxpool_relu', 'auto', 200), await mnistTestSubset(8, fashionOrMnist()), 8, 3);
  });

  it('hand-built residual SNN: per-channel θ, V₀, hard reset, LIF, multi-level spikes; WGSL and tfjs-op forms', async ({ skip }) => {
    if (!gpu) skip();
    const data = residualData(10);
    await compare('residual (WGSL)', residualSnn(), data, 9, 4);
    unregisterKernel(webgpuNeuronKernel.op, webgpuNeuronKernel.name);
    try {
      await compare('residual (tfjs ops, the tensorflow form)', residualSnn(), data, 9, 4);
    } finally {
      registerKernel(webgpuNeuronKernel);
    }
    await compare('residual, accumulating output', residualSnn(true), data, 9, 9);
  });

  it('Poisson input, tensor batches, membrane traces (V after every step), spike trains, SOPs', async ({ skip }) => {
    if (!gpu) skip();
    const snn = residualSnn();
    const data = residualData(8);
    const monitors = [
      membraneTraces({ node: 'lif', neurons: [0, 5, 17, 40], samples: [0, 3, 7] }),
      membraneTraces({ node: 'if1', neurons: [1, 2, 100], samples: [2] }),
      spikeTrains({ node: 'out', neurons: [0, 1, 2, 3, 4], samples: [0, 1, 6] }),
      synapticOps(),
    ];
    const run = async (backend: 'wasm' | 'webgpu') => {
      await initBackend(backend);
      const batches = [0, 5].map((i) => ({
        x: tf.tensor(data.images.subarray(i * 72, Math.min(8, i + 5) * 72), [Math.min(8, i + 5) - i, 6, 6, 2]),
        y: Array.from(data.labels).slice(i, Math.min(8, i + 5)),
      }));
      try {
        return await simulate(snn, batches, { T: 7, chunk: 3, workers: 1, encoder: poissonEncoder({ seed: 3 }), monitors });
      } finally {
        tf.dispose(batches.map((b) => b.x));
      }
    };
    const cpu = await run('wasm');
    const dev = await run('webgpu');
    await initBackend('wasm');
    expect(dev.path).toBe('gpu');
    expect(dev.correct).toEqual(cpu.correct);
    const m = (r: typeof cpu, name: string) => (r.monitors as Record<string, { values: number[][][] }>)[name].values.flat(2);
    for (const name of ['membraneTraces:lif', 'membraneTraces:if1']) {
      const [a, b] = [m(cpu, name), m(dev, name)];
      expect(a.length).toBeGreaterThan(0);
      expect(b).toHaveLength(a.length);
      for (const [i, v] of a.entries()) expect(Math.abs(b[i] - v), `${name}[${i}]`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(v)));
    }
    expect(m(dev, 'spikeTrains:out')).toEqual(m(cpu, 'spikeTrains:out'));
    expect(dev.monitors?.synapticOps).toEqual(cpu.monitors?.synapticOps);
  });

  it("readout 'spikes' (output spike counts) and an output constant in time (no spiking node on its path)", async ({ skip }) => {
    if (!gpu) skip();
    const data = residualData(6);
    const t = uniformTensors(5);
    const b = new GraphBuilder();
    b.input('x', [6, 6, 2]);
    b.add({ name: 'flat', op: 'Flatten', inputs: ['x'] });
    b.add({ name: 'fc', op: 'Linear', inputs: ['flat'], params: { weight: t([72, 5]), bias: t([5]) } });
    const constant = b.output('fc').build();
    for (const [snn, opts] of [
      [residualSnn(), { readout: 'spikes' as const }],
      [constant, { path: 'chunked' as const }],
    ] as const) {
      await initBackend('wasm');
      const cpu = await simulate(snn, data, { T: 6, chunk: 4, workers: 1, ...opts });
      await initBackend('webgpu');
      const dev = await simulate(snn, data, { T: 6, chunk: 4, ...opts });
      expect(dev.path).toBe('gpu');
      expect(dev.correct).toEqual(cpu.correct);
    }
    await initBackend('wasm');
  });

  it('frees every tensor it makes (numTensors flat over runs)', async ({ skip }) => {
    if (!gpu) skip();
    const snn = residualSnn();
    const data = residualData(6);
    await initBackend('webgpu');
    try {
      await simulate(snn, data, { T: 5, chunk: 2 });
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) await simulate(snn, data, { T: 5, chunk: 2, batchSize: 4 });
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      await initBackend('wasm');
    }
  });
});
