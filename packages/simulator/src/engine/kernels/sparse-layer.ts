import { createRng, type GraphNode } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { callLayer } from '../layer-call.js';
import type { KernelArena } from '../wasm/arena.js';
import { type ConvGeometry, sparseConvModuleBytes } from '../wasm/sparse-conv-module.js';

interface SparseExports {
  compress(x: number, pixels: number, starts: number, idx: number, val: number): number;
  accumulate(images: number, starts: number, idx: number, val: number, w: number, y: number): void;
  bias(y: number, b: number, pixels: number): void;
}

const modules = new Map<string, WebAssembly.Module>();

/** `a` (rows of `from` values) with each row cut to its first `to` values. */
function narrowRows(a: Float32Array, from: number, to: number): Float32Array {
  const rows = a.length / from;
  const out = new Float32Array(rows * to);
  for (let r = 0; r < rows; r++) out.set(a.subarray(r * from, r * from + to), r * to);
  return out;
}

/**
 * A Conv2d (or a Linear, as a 1×1 convolution of a 1×1 image) that skips zero inputs (spikes, or
 * pooled spikes, are mostly 0): per step the input's non-zero values are listed per pixel, then
 * each output sums x·W over the taps and listed channels in the order XNNPACK's dense kernels sum
 * them. Output channels are padded to a multiple of 4 with zero weights (the padding is cut off).
 * Whether that order holds on the backend in use is checked once ({@link SparseConv.matchesLayer});
 * the engine uses the dense layer otherwise.
 */
export class SparseConv {
  private readonly fn: SparseExports;
  private readonly weights: Float32Array;
  private readonly biasValues: Float32Array | undefined;
  /** The geometry the module is emitted for: output channels padded to a multiple of 4. */
  private readonly padded: ConvGeometry;
  private w = 0;
  private b = 0;

  constructor(
    readonly node: GraphNode,
    readonly G: ConvGeometry,
    private readonly arena: KernelArena,
    /** The node's input shape per sample (`[H, W, C]`, or `[C]` for a Linear). */
    private readonly inShape: readonly number[] = [G.H, G.W, G.C],
  ) {
    const M = Math.ceil(G.M / 4) * 4;
    this.padded = { ...G, M };
    const key = JSON.stringify(this.padded);
    let m = modules.get(key);
    if (!m) {
      m = new WebAssembly.Module(sparseConvModuleBytes(this.padded));
      modules.set(key, m);
    }
    this.fn = arena.instantiate(m) as unknown as SparseExports;
    const w = node.params.weight.dataSync();
    const b = node.params.bias?.dataSync();
    const rows = w.length / G.M;
    this.weights = new Float32Array(rows * M);
    for (let r = 0; r < rows; r++) for (let o = 0; o < G.M; o++) this.weights[r * M + o] = w[r * G.M + o];
    this.biasValues = b ? Float32Array.from({ length: M }, (_, o) => (o < G.M ? b[o] : 0)) : undefined;
  }

  /** Copies the weights and bias into the arena (each batch: the arena is reset between batches). */
  begin(): void {
    const arena = this.arena;
    this.w = arena.alloc(this.weights.length);
    arena.view(this.w, this.weights.length).set(this.weights);
    if (this.biasValues) {
      this.b = arena.alloc(this.biasValues.length);
      arena.view(this.b, this.biasValues.length).set(this.biasValues);
    }
  }

  /**
   * Lists the non-zero inputs of `images` samples at byte offset `x` of the arena; returns their
   * density (non-zero values / all values) and the step that sums them and adds the bias (the
   * layer's output `[images·Ho·Wo·M]`: an arena view valid until the next allocation, or a copy
   * when the output channels were padded).
   */
  compress(x: number, images: number): { density: number; accumulate: () => Float32Array } {
    const { G, arena } = this;
    const M = this.padded.M;
    const pixels = images * G.H * G.W;
    const starts = arena.alloc(pixels + 1);
    const idx = arena.alloc(pixels * G.C);
    const val = arena.alloc(pixels * G.C);
    const bytes = this.fn.compress(x, pixels, starts, idx, val);
    const accumulate = () => {
      const outN = images * G.Ho * G.Wo * M;
      const y = arena.alloc(outN);
      this.fn.accumulate(images, starts, idx, val, this.w, y);
      if (this.biasValues) this.fn.bias(y, this.b, images * G.Ho * G.Wo);
      const out = arena.view(y, outN);
      return M === G.M ? out : narrowRows(out, M, G.M);
    };
    return { density: bytes / 4 / (pixels * G.C), accumulate };
  }

  /** True when the sparse kernels give the layer's own output bit for bit on this backend (random input, half zeros). */
  matchesLayer(): boolean {
    const { G, arena } = this;
    const rnd = createRng(12345);
    const images = 2;
    const x = Float32Array.from({ length: images * G.H * G.W * G.C }, () => (rnd() < 0.5 ? 0 : rnd() * 2 - 0.5));
    arena.reset();
    this.begin();
    const off = arena.alloc(x.length);
    arena.view(off, x.length).set(x);
    const copy = this.compress(off, images).accumulate().slice();
    arena.reset();
    return tf.tidy(() => {
      const want = callLayer(this.node, [tf.tensor(x, [images, ...this.inShape])]).dataSync();
      return copy.length === want.length && copy.every((v, k) => Object.is(v, want[k]));
    });
  }
}
