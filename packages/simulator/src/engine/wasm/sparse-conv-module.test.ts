// The sparse convolution module's kernels called directly on hand-derived values (the
// equality with the dense layer on random data is in kernels/sparse-conv.test.ts).
import { describe, expect, it } from 'vitest';
import { KernelArena } from './arena.js';
import { type ConvGeometry, sparseConvModuleBytes } from './sparse-conv-module.js';
import { readMask } from './sparse-compress.js';

interface SparseFns {
  compress(x: number, pixels: number, starts: number, idx: number, val: number): number;
  accumulate(images: number, starts: number, idx: number, val: number, w: number, y: number, b: number): void;
}

function put(arena: KernelArena, values: number[]): number {
  const off = arena.alloc(values.length);
  arena.view(off, values.length).set(values);
  return off;
}

/** 1×1 convolution of a 2×2 image, C input channels, M = 4 outputs. */
const geometry = (C: number): ConvGeometry => ({ H: 2, W: 2, C, M: 4, kh: 1, kw: 1, sh: 1, sw: 1, pt: 0, pl: 0, Ho: 2, Wo: 2 });

describe('sparse convolution module (emitted WebAssembly SIMD)', () => {
  for (const C of [1, 4]) {
    it(`C = ${C}: compress lists the non-zeros per pixel; accumulate gives x·W + b (and x·W in the module without a bias)`, () => {
      const G = geometry(C);
      const bytes = sparseConvModuleBytes(G, true);
      expect(WebAssembly.validate(bytes)).toBe(true);
      const arena = new KernelArena();
      const fn = arena.instantiate(new WebAssembly.Module(bytes)) as unknown as SparseFns;
      // pixel p, channel c: non-zero only at (p = 1, c = 0) = 0.5 and (p = 3, c = C − 1) = 2
      const x = new Array(4 * C).fill(0);
      x[1 * C] = 0.5;
      x[3 * C + C - 1] = 2;
      const w = Array.from({ length: C * 4 }, (_, k) => k + 1); // W[c, o] = 4c + o + 1
      const [xo, so, io, vo, wo, yo, bo] = [
        x,
        [0, 0, 0, 0, 0],
        new Array(4 * C).fill(0),
        new Array(4 * C).fill(0),
        w,
        new Array(16).fill(0),
        [0.25, 0, 0, -1],
      ].map((a) => put(arena, a));
      const listed = fn.compress(xo, 4, so, io, vo);
      expect(listed).toBe(8); // two entries of 4 bytes
      expect([...new Int32Array(arena.memory.buffer, so, 5)]).toEqual([0, 0, 4, 4, 8]);
      // (q·C + c)·M·4 for the pixel's column q (pixels 1 and 3 are in column 1 of the 2×2 image)
      expect([...new Int32Array(arena.memory.buffer, io, 2)]).toEqual([C * 16, (C + C - 1) * 16]);
      expect([...arena.view(vo, 2)]).toEqual([0.5, 2]);
      fn.accumulate(1, so, io, vo, wo, yo, bo);
      const row = (c: number) => [1, 2, 3, 4].map((o) => 4 * c + o);
      const want = [[0, 0, 0, 0], row(0).map((v) => 0.5 * v), [0, 0, 0, 0], row(C - 1).map((v) => 2 * v)].flatMap((y) =>
        y.map((v, o) => v + [0.25, 0, 0, -1][o]),
      );
      expect([...arena.view(yo, 16)]).toEqual(want);
      const plain = arena.instantiate(new WebAssembly.Module(sparseConvModuleBytes(G))) as unknown as SparseFns;
      plain.accumulate(1, so, io, vo, wo, yo, bo); // b is not read
      expect([...arena.view(yo, 16)]).toEqual(want.map((v, k) => v - [0.25, 0, 0, -1][k % 4]));
    });
  }

  it('readMask: the rows a kernel smaller than its stride reads (hand-derived), undefined when all are read', () => {
    expect(readMask(8, 4, 1, 2, 0)).toBe(0b01010101); // 1×1 stride 2: rows 0, 2, 4, 6
    expect(readMask(7, 4, 1, 2, 0)).toBe(0b1010101); // rows 0, 2, 4, 6 of 7
    expect(readMask(9, 3, 2, 3, 0)).toBe(0b011011011); // 2×2 stride 3: rows 0-1, 3-4, 6-7
    expect(readMask(7, 4, 3, 2, 1)).toBeUndefined(); // 3×3 stride 2 padding 1 reads every row
    expect(readMask(13, 11, 3, 1, 0)).toBeUndefined();
    expect(readMask(32, 16, 1, 2, 0)).toBe(0x55555555);
    expect(readMask(33, 17, 1, 2, 0)).toBeUndefined(); // too wide for the mask: every pixel listed
  });
});
