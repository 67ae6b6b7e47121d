// Shared fixtures of the simulator's tests: the tutorial CNN converted from its ONNX fixture, a small
// residual SNN built by hand, and the step-by-step reference outputs to compare the engine with.
import { convert, parseMode } from '@snn/converter';
import { batches, type Dataset, loadDataset, loadEmbeddedMnist, type Split, spikingJellyOrder, stratifiedSubset } from '@snn/datasets';
import { disposeState, execute, type Graph, GraphBuilder, type GraphState, nodeNeuronArrays } from '@snn/graph';
import { importOnnx } from '@snn/onnx';
import * as tf from '@tensorflow/tfjs-core';
import { constantEncoder } from '../src/encoders/constant.js';
import type { Encoder } from '../src/encoders/types.js';
import { compilePlan } from '../src/engine/plan.js';
import { ChunkedRunner } from '../src/engine/runner.js';
import type { ArraySource } from '../src/types.js';

/** The ONNX fixtures of @snn/onnx (SNN_FIXTURES overrides, for scratch scripts bundled elsewhere). */
const FIXTURES = process.env.SNN_FIXTURES ?? new URL('../../onnx/test/fixtures/', import.meta.url).pathname;
export const CNN_FIXTURE = `${FIXTURES}/mnist_cnn_mnist.onnx`;

/** `n` test images, a class-stratified seeded subset (`stratifiedSubset`, seed 0): every class in proportion, never a sorted slice or stride. */
export async function mnistTestSubset(n: number, from: Promise<Dataset> = loadEmbeddedMnist()): Promise<ArraySource> {
  return stratifiedSubset((await from).test, n, 0).split;
}

export const RESNET_FIXTURE = `${FIXTURES}/resnet_fashion.onnx`;

/** Fashion-MNIST from Debian's package when installed (as CI does), else the embedded MNIST (same shape; equality tests need no labels that fit). */
export async function fashionOrMnist(): Promise<Dataset> {
  return loadDataset('fashion-mnist').catch(() => loadEmbeddedMnist());
}

/** The ResNet-style ONNX fixture (stem, identity block, projection block, GAP) converted with `mode`. */
export async function resnetSnn(mode: string, calibration = 300): Promise<Graph> {
  return convertFixture(RESNET_FIXTURE, (await fashionOrMnist()).train, mode, calibration);
}

/** The tutorial CNN converted with `mode`, calibrated on `calibration` training images (SpikingJelly's order). */
export async function tutorialSnn(mode: string, calibration = 500): Promise<Graph> {
  return convertFixture(CNN_FIXTURE, (await loadEmbeddedMnist()).train, mode, calibration);
}

/** An ONNX fixture of @snn/onnx (`name`.onnx) trained on Fashion-MNIST, converted with `mode`. */
export async function fashionFixtureSnn(name: string, mode: string, calibration = 300): Promise<Graph> {
  return convertFixture(`${FIXTURES}/${name}.onnx`, (await fashionOrMnist()).train, mode, calibration);
}

/** An ONNX fixture converted with `mode`, calibrated on the first `calibration` training images in SpikingJelly's order. */
async function convertFixture(path: string, train: Split, mode: string, calibration: number): Promise<Graph> {
  const ann = await importOnnx(path);
  const data = () =>
    (function* () {
      for (const b of batches(train, { batchSize: 100, order: spikingJellyOrder(train.n), limit: calibration })) {
        b.y.dispose();
        yield b.x;
        b.x.dispose();
      }
    })();
  return (await convert(ann, data, parseMode(mode))).snn;
}

/** A seeded uniform generator in [lo, hi). */
export function rng(seed: number) {
  let s = seed >>> 0;
  return (lo = 0, hi = 1) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return lo + ((hi - lo) * s) / 2 ** 32;
  };
}

/** A seeded factory of tensors with values uniform in [lo, hi) (default [−0.6, 0.6)): test weights. */
export function uniformTensors(seed: number) {
  const r = rng(seed);
  return (shape: number[], lo = -0.6, hi = 0.6) =>
    tf.tensor(
      Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => r(lo, hi)),
      shape,
    );
}

/**
 * A small residual SNN on [6, 6, 2] inputs covering every engine feature: a static first conv under
 * constant input, IF with per-channel θ and V₀ = θ/2, hard reset, a residual Add, LIF, MaxPool,
 * BatchNorm, Concat, GlobalAvgPool, Flatten, Linear, and multi-level output spikes (or, with
 * `accumulate`, a non-spiking output layer).
 */
export function residualSnn(accumulate = false): Graph {
  const t = uniformTensors(42);
  const b = new GraphBuilder();
  b.input('x', [6, 6, 2]);
  b.add({ name: 'c1', op: 'Conv2d', inputs: ['x'], attrs: { pads: [1, 1, 1, 1] }, params: { weight: t([3, 3, 2, 4]), bias: t([4], 0, 0.2) } });
  b.add({
    name: 'if1',
    op: 'IF',
    inputs: ['c1'],
    attrs: { neuron: { vThreshold: 1, vReset: null, v0: { fractionOfThreshold: 0.5 } }, amplitude: 'threshold' },
    params: { vThreshold: tf.tensor1d([0.4, 0.7, 1, 0.55]) },
  });
  b.add({ name: 'c2', op: 'Conv2d', inputs: ['if1'], attrs: { pads: [1, 1, 1, 1] }, params: { weight: t([3, 3, 4, 4]), bias: t([4], 0, 0.1) } });
  b.add({ name: 'if2', op: 'IF', inputs: ['c2'], attrs: { neuron: { vThreshold: 0.5, vReset: 0 }, amplitude: 'threshold' } });
  b.add({ name: 'c3', op: 'Conv2d', inputs: ['if2'], params: { weight: t([1, 1, 4, 4]) } });
  b.add({ name: 'res', op: 'Add', inputs: ['c3', 'if1'] });
  b.add({ name: 'lif', op: 'LIF', inputs: ['res'], attrs: { neuron: { vThreshold: 0.5, vReset: null, tau: 2 }, amplitude: 'threshold' } });
  b.add({ name: 'mp', op: 'MaxPool2d', inputs: ['lif'], attrs: { kernel: [2, 2] } });
  b.add({ name: 'ap', op: 'AvgPool2d', inputs: ['if2'], attrs: { kernel: [2, 2] } });
  b.add({
    name: 'bn',
    op: 'BatchNorm',
    inputs: ['ap'],
    attrs: { eps: 1e-5 },
    params: { gamma: t([4], 0.5, 1.5), beta: t([4], -0.1, 0.1), mean: t([4], 0, 0.2), var: t([4], 0.5, 1.5) },
  });
  b.add({ name: 'cat', op: 'Concat', inputs: ['mp', 'bn'], attrs: { axis: 3 } });
  b.add({ name: 'gap', op: 'GlobalAvgPool', inputs: ['cat'] });
  b.add({ name: 'flat', op: 'Flatten', inputs: ['gap'] });
  b.add({ name: 'fc', op: 'Linear', inputs: ['flat'], params: { weight: t([8, 5], -1, 1.5), bias: t([5], 0, 0.1) } });
  if (accumulate) return b.output('fc').build();
  b.add({ name: 'out', op: 'IF', inputs: ['fc'], attrs: { neuron: { vThreshold: 0.3, vReset: null, maxSpikes: 2 }, amplitude: 'threshold' } });
  return b.output('out').build();
}

/** `n` random [6, 6, 2] inputs in [0, 1) with labels 0..4. */
export function residualData(n: number, seed = 7): ArraySource {
  const r = rng(seed);
  return { images: Float32Array.from({ length: n * 72 }, () => r()), labels: Uint8Array.from({ length: n }, () => Math.floor(r(0, 5))), n, shape: [6, 6, 2] };
}

/**
 * The reference's running sums Σ_{τ ≤ t} out_τ for t = 1..T (one `[count·K]` array per t): the loop
 * of `simulateReference`, with the encoder's input at each step.
 */
export function referenceSums(
  snn: Graph,
  x: Float32Array,
  count: number,
  shape: number[],
  T: number,
  encoder: Encoder = constantEncoder(),
  first = 0,
): Float32Array[] {
  const sums: Float32Array[] = [];
  let state: GraphState | undefined;
  let sum: tf.Tensor | undefined;
  const size = shape.reduce((a, b) => a * b, 1);
  for (let t = 1; t <= T; t++) {
    const xt = tf.tensor(encoder.encode(x, count, size, first, t, 1), [count, ...shape]);
    const r = execute(snn, xt, { state, step: t });
    disposeState(state);
    state = r.state;
    const next = sum ? tf.add(sum, r.outputs[0]) : tf.clone(r.outputs[0]);
    tf.dispose([sum, xt, ...r.outputs]);
    sum = next;
    sums.push(sum.dataSync() as Float32Array);
  }
  disposeState(state);
  sum?.dispose();
  return sums;
}

/**
 * `snn` with a drive on every IF neuron whose input varies in time: ±0.3·θ per channel (the sign
 * alternating over the last axis) for the first `steps` steps — enough to move spikes, and to stop
 * inside a chunk.
 */
export function withDrives(snn: Graph, steps: number): Graph {
  const update: Record<string, { params: Record<string, tf.Tensor>; attrs: Record<string, unknown> }> = {};
  for (const p of compilePlan(snn, true).nodes) {
    if (p.node.op !== 'IF' || p.staticInputs[0]) continue;
    const theta = nodeNeuronArrays(p.node).theta;
    const D = p.node.shape[p.node.shape.length - 1];
    const drive = Float32Array.from({ length: D }, (_, j) => (j % 2 ? -0.3 : 0.3) * theta[theta.length === 1 ? 0 : j % theta.length]);
    update[p.node.name] = { params: { ...p.node.params, drive: tf.tensor1d(drive) }, attrs: { ...p.node.attrs, driveSteps: steps } };
  }
  if (!Object.keys(update).length) throw new Error('withDrives: no IF neuron with an input that varies in time');
  return snn.with({ update });
}

/** Which kernels the engine uses: everything (default: SIMD neurons, IF+AvgPool fusion, sparse convolutions), SIMD neurons only, plain JS. */
export type Kernels = 'all' | 'simd' | 'js';
export const KERNELS: Kernels[] = ['all', 'simd', 'js'];

/** The chunked engine's running sums for the same batch (float32, as the engine's readout adds). */
export function engineSums(
  snn: Graph,
  x: Float32Array,
  count: number,
  T: number,
  chunk: number,
  encoder: Encoder = constantEncoder(),
  kernels: Kernels = 'all',
): Float32Array[] {
  const sums: Float32Array[] = [];
  let acc: Float32Array | undefined;
  const runner = new ChunkedRunner(compilePlan(snn, encoder.constant), {
    T,
    encoder,
    engine: { chunk, simd: kernels !== 'js', fuse: kernels === 'all', sparse: kernels === 'all' },
    hooks: {
      wantsSpikes: () => false,
      wantsMembrane: () => false,
      spikes() {},
      membrane() {},
      output(info, out, same) {
        const m = info.count * info.size;
        acc ??= new Float32Array(m);
        for (let s = 0; s < info.steps; s++) {
          for (let i = 0; i < m; i++) acc[i] += out[(same ? 0 : s * m) + i];
          sums.push(acc.slice());
        }
      },
    },
  });
  runner.run({ x, labels: new Array(count).fill(0), first: 0, count });
  return sums;
}

/** Largest |a − b| over every t and value. */
export function maxDiff(a: Float32Array[], b: Float32Array[]): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let m = 0;
  a.forEach((x, t) => {
    for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - b[t][i]));
  });
  return m;
}
