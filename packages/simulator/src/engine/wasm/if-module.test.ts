// The IF module's kernels called directly on hand-derived values (the equality with
// @snn/neuron's step on random data is in kernels/neuron-kernels.test.ts and kernels/if-pool.test.ts).
import { initBackend } from '@snn/backend';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { rng } from '../../../test/helpers.js';
import { KernelArena } from './arena.js';
import { ifModuleBytes } from './if-module.js';

const f = Math.fround;

function put(arena: KernelArena, values: number[]): number {
  const off = arena.alloc(values.length);
  arena.view(off, values.length).set(values);
  return off;
}

describe('IF module (emitted WebAssembly SIMD)', () => {
  it('is valid WebAssembly exporting ifSoft, ifHard, their static-input chunk forms, ifPoolSoft, ifPoolHard and their static-input forms, add, addRows, gap', () => {
    const bytes = ifModuleBytes();
    expect(WebAssembly.validate(bytes)).toBe(true);
    const names = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
    expect(names).toEqual([
      'ifSoft',
      'ifHard',
      'ifSoftStatic',
      'ifHardStatic',
      'ifPoolSoft',
      'ifPoolHard',
      'ifPoolSoftStatic',
      'ifPoolHardStatic',
      'add',
      'addRows',
      'gap',
    ]);
  });

  it('ifSoft / ifHard: H = V + X, fire at H ≥ θ, V ← H − θ or V_r, out = amplitude where fired', () => {
    const arena = new KernelArena();
    // 2 samples of 4 values; θ and amplitude per position of a sample
    const x = [0.6, 0.3, 1, -0.2, 2, 0, 0.75, 0.25];
    const v0 = [0.5, 0, 0, 0, 0, 0.9, 0.25, 0];
    const th = [1, 1, 1, 0.5];
    const amp = [1, 2, 3, 4];
    for (const hard of [false, true]) {
      arena.reset();
      const [xo, vo, oo, to, ao] = [x, v0, x.map(() => 0), th, amp].map((a) => put(arena, a));
      if (hard) arena.fn.ifHard(xo, vo, oo, to, ao, 32, 16, -0.5);
      else arena.fn.ifSoft(xo, vo, oo, to, ao, 32, 16);
      // H = [1.1, 0.3, 1, −0.2, 2, 0.9, 1, 0.25]: fired where H ≥ θ = [1, 1, 1, 0.5, 1, 1, 1, 0.5]
      expect([...arena.view(oo, 8)]).toEqual([1, 0, 3, 0, 1, 0, 3, 0]);
      const vSoft = [f(f(1.1) - 1), f(0.3), 0, f(-0.2), 1, f(0.9), 0, 0.25];
      const vHard = [-0.5, f(0.3), -0.5, f(-0.2), -0.5, f(0.9), -0.5, 0.25];
      expect([...arena.view(vo, 8)]).toEqual(hard ? vHard : vSoft);
    }
  });

  it('ifPoolSoft / ifPoolHard: one 2×2 window, 4 channels with 0..3 firing cells → LUT[m − 1] (0 for none)', () => {
    const arena = new KernelArena();
    // NHWC [1, 2, 2, 4]: channel c fires in its first c cells (θ = 1, V = 0)
    const x = Array.from({ length: 16 }, (_, i) => (Math.floor(i / 4) < i % 4 ? 1.5 : 0.5));
    const lut = [10, 11, 12, 13, 20, 21, 22, 23, 30, 31, 32, 33, 40, 41, 42, 43]; // row m − 1, column c
    for (const hard of [false, true]) {
      arena.reset();
      const [xo, vo, oo, to, lo] = [x, x.map(() => 0), [0, 0, 0, 0], [1, 1, 1, 1], lut].map((a) => put(arena, a));
      if (hard) arena.fn.ifPoolHard(xo, vo, oo, to, lo, 64, 32, 16, 64, 64, 32, 1, 0, 0, 0, 0);
      else arena.fn.ifPoolSoft(xo, vo, oo, to, lo, 64, 32, 16, 64, 64, 32, 1, 0, 0, 0);
      expect([...arena.view(oo, 4)]).toEqual([0, 11, 22, 33]);
      expect([...arena.view(vo, 16)]).toEqual(x.map((xi) => (xi >= 1 ? (hard ? 0 : 0.5) : 0.5)));
    }
  });

  it('ifSoftStatic / ifHardStatic: a chunk of steps on one input in one call = one ifSoft / ifHard call per step, bit for bit', () => {
    const arena = new KernelArena();
    const r = rng(21);
    const [count, size, steps] = [3, 8, 7];
    const n = count * size;
    const x = Array.from({ length: n }, () => r(-0.5, 1.2));
    const v0 = Array.from({ length: n }, () => r(0, 0.5));
    const th = Array.from({ length: size }, () => r(0.3, 1));
    const amp = Array.from({ length: size }, () => r(0.5, 2));
    for (const hard of [false, true]) {
      arena.reset();
      const [xo, va, vb, to, ao] = [x, v0, v0, th, amp].map((a) => put(arena, a));
      const oa = arena.alloc(steps * n);
      const ob = arena.alloc(steps * n);
      for (let s = 0; s < steps; s++) {
        if (hard) arena.fn.ifHard(xo, va, oa + s * n * 4, to, ao, n * 4, size * 4, -0.25);
        else arena.fn.ifSoft(xo, va, oa + s * n * 4, to, ao, n * 4, size * 4);
      }
      if (hard) arena.fn.ifHardStatic(xo, vb, ob, to, ao, n * 4, size * 4, steps, n * 4, -0.25);
      else arena.fn.ifSoftStatic(xo, vb, ob, to, ao, n * 4, size * 4, steps, n * 4);
      expect([...arena.view(ob, steps * n)], `hard ${hard}`).toEqual([...arena.view(oa, steps * n)]);
      expect([...arena.view(vb, n)]).toEqual([...arena.view(va, n)]);
      expect(arena.view(oa, steps * n).some((o) => o !== 0)).toBe(true);
    }
  });

  it('add: y = a + b in float32, four lanes at a time, in place', () => {
    const arena = new KernelArena();
    const a = [0.1, 1, -2, 3.5, 1e-8, 7, 0, -0.25];
    const b = [0.2, 2 ** -24, 2, 0.5, 1, -7, 0, 0.25];
    const [ao, bo] = [a, b].map((v) => put(arena, v));
    arena.fn.add(ao, bo, ao, 32);
    expect([...arena.view(ao, 8)]).toEqual(a.map((x, i) => f(f(x) + f(b[i]))));
  });

  it('addRows: y = x + d row by row in float32 (one d of 8 values over three rows), into a new region or in place', () => {
    const arena = new KernelArena();
    const x = Array.from({ length: 24 }, (_, i) => (i % 5) * 0.1 - 0.15 + (i === 7 ? 1e-8 : 0));
    const d = [0.3, -0.3, 2 ** -24, 1, 0, -0.05, 0.7, 1e8];
    const want = x.map((v, i) => f(f(v) + f(d[i % 8])));
    const [xo, dOff, yo] = [x, d, x.map(() => 0)].map((v) => put(arena, v));
    arena.fn.addRows(xo, dOff, yo, 96, 32);
    expect([...arena.view(yo, 24)]).toEqual(want);
    expect([...arena.view(xo, 24)]).toEqual(x.map(f)); // the source is left alone
    arena.fn.addRows(xo, dOff, xo, 64, 32); // in place, the first two rows only
    expect([...arena.view(xo, 24)]).toEqual([...want.slice(0, 16), ...x.slice(16).map(f)]);
  });

  it('gap: the mean over positions per channel, = tf.mean on the wasm backend bit for bit (groups of 16 channels, then 4)', async () => {
    await initBackend('wasm');
    const arena = new KernelArena();
    const r = rng(3);
    for (const [N, H, W, C] of [
      [3, 5, 7, 24],
      [2, 1, 1, 4],
      [4, 7, 7, 64],
    ]) {
      arena.reset();
      const x = Array.from({ length: N * H * W * C }, () => (r() - 0.3) * 10 ** (r() * 6 - 3));
      const xo = put(arena, x);
      const yo = arena.alloc(N * C);
      arena.fn.gap(xo, yo, N, H * W, C * 4, H * W);
      const want = tf.tidy(() => tf.mean(tf.tensor(x, [N, H, W, C]), [1, 2]).dataSync());
      expect([...arena.view(yo, N * C)], `${[N, H, W, C]}`).toEqual([...want]);
    }
  });

  it('ifPool…Static, scaled: two steps in one call, outputs one step apart, pooled value = m · LUT[0]', () => {
    const arena = new KernelArena();
    // channel c fires in its first c cells at step 1 (V = 0, X = 1.5 or 0.5, θ = 1); at step 2 V = 0.5 + X
    const x = Array.from({ length: 16 }, (_, i) => (Math.floor(i / 4) < i % 4 ? 1.5 : 0.5));
    const q = [0.25, 0.5, 1, 2];
    const lut = [1, 2, 3, 4].flatMap((m) => q.map((a) => m * a));
    for (const hard of [false, true]) {
      arena.reset();
      const [xo, vo, oo, to, lo] = [x, x.map(() => 0), [0, 0, 0, 0, 0, 0, 0, 0], [1, 1, 1, 1], lut].map((a) => put(arena, a));
      if (hard) arena.fn.ifPoolHardStatic(xo, vo, oo, to, lo, 64, 32, 16, 64, 64, 32, 2, 0, 16, 1, 0);
      else arena.fn.ifPoolSoftStatic(xo, vo, oo, to, lo, 64, 32, 16, 64, 64, 32, 2, 0, 16, 1);
      // step 2: H = V + X with V = 0.5 (soft: 2 − 1 or 0.5; hard: 0 after a spike) → soft: every cell fires;
      // hard: the cells that fired at step 1 have H = 1.5, the others 1.0: every cell fires too
      expect([...arena.view(oo, 8)]).toEqual([0, 0.5, 2, 6, 1, 2, 4, 8]);
    }
  });
});
