import { initBackend } from '@snn/backend';
import { GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineSums, maxDiff, referenceSums, residualData, residualSnn, rng, tutorialSnn } from '../../../test/helpers.js';
import { constantEncoder } from '../../encoders/constant.js';
import { callLayer } from '../layer-call.js';
import { compilePlan } from '../plan.js';
import { ChunkedRunner } from '../runner.js';
import type { ConvGeometry } from '../wasm/conv-geometry.js';
import { convGeometry, linearGeometry, SparseConv } from './sparse-conv.js';
import { KernelArena } from '../wasm/arena.js';

beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(async () => {
  await initBackend('wasm');
});

function conv(H: number, W: number, C: number, M: number, k: number, stride: number, pad: number, bias = true) {
  const r = rng(H * 100 + M);
  const b = new GraphBuilder();
  b.input('x', [H, W, C]);
  const t = (shape: number[]) =>
    tf.tensor(
      Float32Array.from({ length: shape.reduce((a, c) => a * c, 1) }, () => r(-1, 1)),
      shape,
    );
  b.add({
    name: 'c',
    op: 'Conv2d',
    inputs: ['x'],
    attrs: { strides: [stride, stride], pads: [pad, pad, pad, pad] },
    params: bias ? { weight: t([k, k, C, M]), bias: t([M]) } : { weight: t([k, k, C, M]) },
  });
  return b.output('c').build().node('c');
}

/**
 * Starts a batch of `sc` and returns a runner of chunks as the kernel runs them (the multiplying kernels'
 * chunks then teach the value table, outside the timing), each checked against the layer bit for bit;
 * it returns the chunks summed from products so far.
 */
function chunkRunner(sc: SparseConv, arena: KernelArena, node: ReturnType<typeof conv>, images: number, shape: number[]) {
  arena.reset();
  sc.begin();
  arena.seal();
  return (x: Float32Array): number => {
    const off = arena.alloc(x.length);
    arena.view(off, x.length).set(x);
    const c = sc.compress(off, images);
    const got = c.accumulate().slice();
    if (!c.coded) sc.learn(off, images);
    arena.release();
    expect([...got]).toEqual([...tf.tidy(() => callLayer(node, [tf.tensor(x, [images, ...shape])]).dataSync())]);
    return sc.codedChunks;
  };
}

describe('sparse convolution of spikes (WebAssembly SIMD)', () => {
  const cases: Array<[string, () => ReturnType<typeof conv>, number[]]> = [
    ['13×13×32 → 32, 3×3 (tutorial conv2)', () => conv(13, 13, 32, 32, 3, 1, 0), [13, 13, 32]],
    ['6×6×4 → 8, padding 1', () => conv(6, 6, 4, 8, 3, 1, 1), [6, 6, 4]],
    ['7×9×3 → 36, stride 2, padding 1 (two channel blocks)', () => conv(7, 9, 3, 36, 3, 2, 1), [7, 9, 3]],
    ['5×5×32 → 64, 2×2, no bias', () => conv(5, 5, 32, 64, 2, 1, 0, false), [5, 5, 32]],
    ['6×5×72 → 12, padding 1 (three channel masks: 32 + 32 + 8)', () => conv(6, 5, 72, 12, 3, 1, 1), [6, 5, 72]],
    ['8×8×16 → 32, 1×1 stride 2 (a ResNet shortcut: 3 pixels of 4 read by no output, not listed)', () => conv(8, 8, 16, 32, 1, 2, 0), [8, 8, 16]],
    ['7×7×8 → 8, 1×1 stride 2, odd size', () => conv(7, 7, 8, 8, 1, 2, 0), [7, 7, 8]],
  ];
  /** The fraction of x's values that are non-zero and read by some output window (what compress lists), by brute force. */
  const listedDensity = (x: Float32Array, shape: number[], k: number, stride: number, pad: number) => {
    const [H, W, C] = shape;
    const out = (n: number) => Math.floor((n + 2 * pad - k) / stride) + 1;
    const read = (n: number, i: number) => Array.from({ length: out(n) }, (_, o) => o * stride - pad).some((s0) => i >= s0 && i < s0 + k);
    let listed = 0;
    for (let p = 0; p < x.length / C; p++) {
      const q = p % W;
      const r = Math.floor(p / W) % H;
      if (read(H, r) && read(W, q)) for (let c = 0; c < C; c++) listed += x[p * C + c] !== 0 ? 1 : 0;
    }
    return listed / x.length;
  };
  for (const [title, make, shape] of cases) {
    it(`equals the layer bit for bit: ${title}`, () => {
      const node = make();
      const arena = new KernelArena();
      const sc = new SparseConv(node, convGeometry(node, shape)!, arena);
      expect(sc.matchesLayer()).toBe(true);
      const r = rng(5);
      const images = 3;
      const x = Float32Array.from({ length: images * shape[0] * shape[1] * shape[2] }, () => (r() < 0.8 ? 0 : r(0, 2)));
      arena.reset();
      sc.begin();
      const off = arena.alloc(x.length);
      arena.view(off, x.length).set(x);
      const c = sc.compress(off, images);
      const a = node.attrs as { strides: number[]; pads: number[] };
      const density = listedDensity(x, shape, node.params.weight.shape[0], a.strides[0], a.pads[0]);
      expect(c.density).toBeCloseTo(density, 12);
      if (title.includes('1×1 stride 2')) expect(density).toBeLessThan(0.4 * (x.filter((v) => v !== 0).length / x.length));
      const got = c.accumulate().slice();
      const want = tf.tidy(() => callLayer(node, [tf.tensor(x, [images, ...shape])]).dataSync());
      expect([...got]).toEqual([...want]);
    });
  }

  it('sums precomputed products once the input shows at most 4 values per channel, bit for bit; multiplies on a new value', () => {
    const shape = [13, 13, 32];
    const node = conv(13, 13, 32, 32, 3, 1, 0);
    const arena = new KernelArena();
    const sc = new SparseConv(node, convGeometry(node, shape)!, arena);
    const r = rng(7);
    const images = 2;
    const levels = [0.75, 1.5, 2.25, 3, 1.25]; // the 2×2 pooling of spikes of amplitude 3, and a value it never gives
    const chunk = (used: number) => Float32Array.from({ length: images * 13 * 13 * 32 }, () => (r() < 0.8 ? 0 : levels[Math.floor(r() * used)]));
    const run = chunkRunner(sc, arena, node, images, shape);
    expect(run(chunk(3))).toBe(0); // multiplied; the table learns 3 values per channel
    expect(run(chunk(3))).toBe(1); // products
    expect(run(chunk(4))).toBe(1); // a 4th value: multiplied, learnt
    expect(run(chunk(4))).toBe(2);
    expect(run(chunk(5))).toBe(2); // a 5th: multiplied, and the table is off for good
    expect(run(chunk(3))).toBe(2);
  });

  it('with the values known from the graph (a seed), sums products from the first chunk, bit for bit', () => {
    const shape = [13, 13, 32];
    const node = conv(13, 13, 32, 32, 3, 1, 0);
    const arena = new KernelArena();
    const levels = [0.75, 1.5, 2.25, 3];
    const seed = Float32Array.from({ length: 4 * 32 }, (_, i) => levels[Math.floor(i / 32)]); // rows [4, C]
    const sc = new SparseConv(node, convGeometry(node, shape)!, arena, shape, 32, seed);
    const r = rng(12);
    const run = chunkRunner(sc, arena, node, 2, shape);
    const chunk = () => Float32Array.from({ length: 2 * 13 * 13 * 32 }, () => (r() < 0.8 ? 0 : levels[Math.floor(r() * 4)]));
    expect(run(chunk())).toBe(1);
    expect(run(chunk())).toBe(2);
    expect(run(chunk().map((v, i) => (i === 5 ? 1.25 : v)))).toBe(2); // a value the seed missed: multiplied, exact
  });

  it('a later instance of the same layer (a later simulate()) sums the learnt products from its first chunk', () => {
    const shape = [13, 13, 32];
    const node = conv(13, 13, 32, 32, 3, 1, 0);
    const r = rng(8);
    const images = 2;
    const x = Float32Array.from({ length: images * 13 * 13 * 32 }, () => (r() < 0.8 ? 0 : [0.75, 1.5, 2.25][Math.floor(r() * 3)]));
    const first = (sc: SparseConv, arena: KernelArena) => {
      arena.reset();
      sc.begin();
      const off = arena.alloc(x.length);
      arena.view(off, x.length).set(x);
      const c = sc.compress(off, images);
      const got = c.accumulate().slice();
      if (!c.coded) sc.learn(off, images);
      return { coded: c.coded, got };
    };
    const a = new KernelArena();
    const one = first(new SparseConv(node, convGeometry(node, shape)!, a), a);
    const b = new KernelArena();
    const two = first(new SparseConv(node, convGeometry(node, shape)!, b), b);
    expect(one.coded).toBe(false); // multiplied, then learnt
    expect(two.coded).toBe(true);
    expect([...two.got]).toEqual([...one.got]);
  });

  it('a Linear 72 → 10 of spikes equals the layer bit for bit (outputs padded to 12, the padding cut off)', () => {
    const b = new GraphBuilder();
    b.input('x', [72]);
    const r = rng(9);
    const t = (shape: number[]) =>
      tf.tensor(
        Float32Array.from({ length: shape[0] * (shape[1] ?? 1) }, () => r(-1, 1)),
        shape,
      );
    b.add({ name: 'fc', op: 'Linear', inputs: ['x'], params: { weight: t([72, 10]), bias: t([10]) } });
    const node = b.output('fc').build().node('fc');
    const arena = new KernelArena();
    const sc = new SparseConv(node, linearGeometry(node, [72]) as ConvGeometry, arena, [72]);
    expect(sc.matchesLayer()).toBe(true);
    const images = 7;
    const x = Float32Array.from({ length: images * 72 }, () => (r() < 0.7 ? 0 : r(0, 2)));
    arena.reset();
    sc.begin();
    const off = arena.alloc(x.length);
    arena.view(off, x.length).set(x);
    const got = sc.compress(off, images).accumulate().slice();
    const want = tf.tidy(() => callLayer(node, [tf.tensor(x, [images, 72])]).dataSync());
    expect(got.length).toBe(70);
    expect([...got]).toEqual([...want]);
  });

  it('a Linear over a flattened [3, 3, 8] map learns its value codes per channel of the map (period 8): coded at new positions, bit for bit', () => {
    const b = new GraphBuilder();
    b.input('x', [72]);
    const r = rng(10);
    b.add({
      name: 'fc',
      op: 'Linear',
      inputs: ['x'],
      params: {
        weight: tf.tensor(
          Float32Array.from({ length: 720 }, () => r(-1, 1)),
          [72, 10],
        ),
      },
    });
    const node = b.output('fc').build().node('fc');
    const amp = Float32Array.from({ length: 8 }, () => r(0.5, 2)); // channel c's pooled spikes: amp[c]·{¼, ½, ¾, 1}
    const level = (f: number) => Math.fround(amp[f % 8] * [0.25, 0.5, 0.75, 1][Math.floor(r() * 4)]);
    const images = 4;
    /** A chunk whose non-zero features are `at(f)` (true: a value of its channel). */
    const chunk = (at: (f: number) => boolean, value = level) =>
      Float32Array.from({ length: images * 72 }, (_, i) => (at(i % 72) && r() < 0.9 ? value(i % 72) : 0));
    for (const [period, codedAfter] of [
      [8, 1],
      [72, 0],
    ] as const) {
      const arena = new KernelArena();
      const sc = new SparseConv(node, linearGeometry(node, [72]) as ConvGeometry, arena, [72], period);
      const run = chunkRunner(sc, arena, node, images, [72]);
      // the first pixel's 8 features show every value of their channel; then the other 8 pixels (features 8…71)
      const all = (f: number) => Math.fround(amp[f % 8] * [0.25, 0.5, 0.75, 1][Math.floor(f / 8) % 4]);
      for (let k = 0; k < 4; k++)
        run(
          chunk(
            (f) => f < 8,
            (f) => Math.fround(amp[f % 8] * [0.25, 0.5, 0.75, 1][k]),
          ),
        );
      expect(sc.codedChunks, `period ${period}`).toBe(0); // each of these chunks showed a new value: multiplied, learnt
      const before = sc.codedChunks;
      expect(run(chunk((f) => f >= 8, all)) - before, `period ${period}: new positions`).toBe(codedAfter);
      // a value of another channel's set at feature 9 (channel 1): multiplied that chunk, still exact
      const odd = chunk(
        (f) => f === 9,
        () => Math.fround(amp[2] * 0.5),
      );
      const coded = sc.codedChunks;
      run(odd);
      expect(sc.codedChunks).toBe(coded + (amp[2] * 0.5 === amp[1] * 0.5 ? 1 : 0));
    }
  });

  it('is not used where it would not match the layer (the cpu backend sums in another order)', async () => {
    await initBackend('cpu');
    const node = cases[0][1]();
    expect(new SparseConv(node, convGeometry(node, [13, 13, 32])!, new KernelArena()).matchesLayer()).toBe(false);
    await initBackend('wasm');
  });

  it('runs in the tutorial CNN: IF1 fused with its pooling, conv2 sparse', async () => {
    const snn = await tutorialSnn('99.9%', 100);
    const runner = new ChunkedRunner(compilePlan(snn, true), { T: 4, encoder: constantEncoder(), engine: { chunk: 2 } });
    // IF1–IF3 fused with their poolings (11×11 and 3×3 floored), the 10 output neurons in JS (not a multiple of 4);
    // conv2, conv3 and the Linear (after a Flatten that is a view) read spikes.
    expect(runner.kernelCounts()).toEqual({ 'js-neuron': 1, 'wasm-if-pool': 3, 'sparse-conv': 2, view: 1, 'sparse-linear': 1 });
    expect(runner.kernelOf(snn.nodes.find((n) => n.op === 'AvgPool2d')?.name as string)).toBe('wasm-if-pool');
  });

  it('runs a small Linear on a dense input too (a GlobalAvgPool of spikes), the same sums as the layer', async () => {
    const snn = residualSnn(true); // … → GlobalAvgPool → Flatten → Linear 8 → 5, the accumulating output
    const runner = new ChunkedRunner(compilePlan(snn, true), { T: 4, encoder: constantEncoder(), engine: { chunk: 2 } });
    expect(runner.kernelOf('fc')).toBe('sparse-linear');
    const data = residualData(12);
    const ref = referenceSums(snn, data.images, data.n, [...data.shape], 6);
    expect(maxDiff(engineSums(snn, data.images, data.n, 6, 3), ref)).toBe(0);
  });
});
