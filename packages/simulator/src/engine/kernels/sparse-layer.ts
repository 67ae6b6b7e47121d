import { createRng, type GraphNode } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { callLayer } from '../layer-call.js';
import type { KernelArena } from '../wasm/arena.js';
import { type ConvGeometry, sparseConvModuleBytes } from '../wasm/sparse-conv-module.js';
import { CODES } from '../wasm/sparse-compress.js';
import { ValueTable } from './value-codes.js';

interface SparseExports {
  compress(x: number, pixels: number, starts: number, idx: number, val: number): number;
  accumulate(images: number, starts: number, idx: number, val: number, w: number, y: number, b: number): void;
  compressCoded?(x: number, pixels: number, starts: number, idx: number, table: number): number;
  accumulateCoded?(images: number, starts: number, idx: number, unused: number, products: number, y: number, b: number): void;
}

/** The largest product table (float32 values) a layer keeps: beyond it the products would not stay in cache. */
const MAX_PRODUCTS = 1 << 20;

const modules = new Map<string, WebAssembly.Module>();

/** What a layer's chunks taught: its input values per channel and their products (the table's products are a function of the weights). */
interface Learnt {
  codes: ValueTable;
  table?: Float32Array;
  products?: Float32Array;
}

/** Per weight tensor (immutable in tfjs), so that every later `simulate()` of the layer starts value-coded instead of learning again. */
const learnt = new WeakMap<object, Learnt>();

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
 * the engine uses the dense layer otherwise. Where the input channels show few distinct values (a
 * {@link ValueTable}), the products x·W are computed once and the chunks sum them (same bits).
 */
export class SparseConv {
  private readonly fn: SparseExports;
  private readonly weights: Float32Array;
  private readonly biasValues: Float32Array | undefined;
  /** The geometry the module is emitted for: output channels padded to a multiple of 4. */
  private readonly padded: ConvGeometry;
  private w = 0;
  private b = 0;
  private readonly learnt: Learnt | undefined;
  private p = 0;
  private tab = 0;
  /** Chunks summed from precomputed products (the rest multiplied). */
  codedChunks = 0;

  constructor(
    readonly node: GraphNode,
    readonly G: ConvGeometry,
    private readonly arena: KernelArena,
    /** The node's input shape per sample (`[H, W, C]`, or `[C]` for a Linear). */
    private readonly inShape: readonly number[] = [G.H, G.W, G.C],
    /** Input channel c's values are those of channel c mod `period` (a Linear over a flattened `[H, W, P]` map: P); see {@link ValueTable}. */
    period = G.C,
    /** The input's values per channel (mod `period`) known from the graph, rows `[k, period]` (`KernelLayer.inputCodes`): the table's seed. */
    codes?: Float32Array,
  ) {
    const M = Math.ceil(G.M / 4) * 4;
    this.padded = { ...G, M };
    const hasBias = node.params.bias !== undefined;
    const key = JSON.stringify({ ...this.padded, hasBias });
    let m = modules.get(key);
    if (!m) {
      m = new WebAssembly.Module(sparseConvModuleBytes(this.padded, hasBias));
      modules.set(key, m);
    }
    this.fn = arena.instantiate(m) as unknown as SparseExports;
    const w = node.params.weight.dataSync();
    const b = node.params.bias?.dataSync();
    const rows = w.length / G.M;
    this.weights = new Float32Array(rows * M);
    for (let r = 0; r < rows; r++) for (let o = 0; o < G.M; o++) this.weights[r * M + o] = w[r * G.M + o];
    this.biasValues = b ? Float32Array.from({ length: M }, (_, o) => (o < G.M ? b[o] : 0)) : undefined;
    if (this.fn.compressCoded && this.weights.length * CODES <= MAX_PRODUCTS) {
      this.learnt = learnt.get(node.params.weight) ?? { codes: new ValueTable(G.C, period) };
      learnt.set(node.params.weight, this.learnt);
      // values known from the graph: coded from the first chunk (each thread and job builds its own layer)
      if (codes && !this.learnt.products && this.learnt.codes.seed(codes, codes.length / period)) this.tabulate();
    }
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
    if (this.learnt && !this.learnt.codes.failed) {
      this.p = arena.alloc(this.weights.length * CODES);
      this.tab = arena.alloc(CODES * this.G.C);
      this.placeCodes();
    }
  }

  /** Copies the products and the value table into their arena regions. */
  private placeCodes(): void {
    const { products, table } = this.learnt ?? {};
    if (!products || !table) return;
    this.arena.view(this.p, products.length).set(products);
    this.arena.view(this.tab, table.length).set(table);
  }

  /**
   * Learns the values of a chunk's input (at byte offset `x`, `images` samples) that ran the
   * multiplying kernels (call it outside the chunk's timing); new products when the table changed.
   */
  learn(x: number, images: number): void {
    const l = this.learnt;
    const n = images * this.G.H * this.G.W * this.G.C;
    if (!l || l.codes.failed || !l.codes.learn(this.arena.view(x, n))) return;
    this.tabulate();
    this.placeCodes();
  }

  /** The value table and its products from what the codes hold now. */
  private tabulate(): void {
    const l = this.learnt as Learnt;
    l.table = l.codes.table();
    l.products = l.codes.products(this.weights, this.G.kh, this.G.kw, this.padded.M);
  }

  /**
   * Lists the non-zero inputs of `images` samples at byte offset `x` of the arena; returns their
   * density (non-zero values / all values) and the step that sums them and adds the bias (the
   * layer's output `[images·Ho·Wo·M]`: an arena view valid until the next allocation, or a copy
   * when the output channels were padded). The value-coded kernels run where the table holds every
   * value of the chunk; otherwise (or with `plain`) the multiplying ones (then {@link SparseConv.learn}).
   */
  compress(x: number, images: number, plain = false): { density: number; coded: boolean; accumulate: () => Float32Array } {
    const { G, arena, fn } = this;
    const M = this.padded.M;
    const pixels = images * G.H * G.W;
    const starts = arena.alloc(pixels + 1);
    const idx = arena.alloc(pixels * G.C);
    const sum = (val: number, coded: boolean) => () => {
      const outN = images * G.Ho * G.Wo * M;
      const y = arena.alloc(outN);
      if (coded) (fn.accumulateCoded as NonNullable<SparseExports['accumulateCoded']>)(images, starts, idx, 0, this.p, y, this.b);
      else fn.accumulate(images, starts, idx, val, this.w, y, this.b); // the bias is added as the sums are stored
      const out = arena.view(y, outN);
      return M === G.M ? out : narrowRows(out, M, G.M);
    };
    const density = (bytes: number) => bytes / 4 / (pixels * G.C);
    if (!plain && this.learnt?.products && !this.learnt.codes.failed) {
      const r = (fn.compressCoded as NonNullable<SparseExports['compressCoded']>)(x, pixels, starts, idx, this.tab);
      if ((r & 1) === 0) {
        this.codedChunks++;
        return { density: density(r), coded: true, accumulate: sum(0, true) };
      }
    }
    const val = arena.alloc(pixels * G.C);
    const bytes = fn.compress(x, pixels, starts, idx, val);
    return { density: density(bytes), coded: false, accumulate: sum(val, false) };
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
    const copy = this.compress(off, images, true).accumulate().slice();
    arena.reset();
    return tf.tidy(() => {
      const want = callLayer(this.node, [tf.tensor(x, [images, ...this.inShape])]).dataSync();
      return copy.length === want.length && copy.every((v, k) => Object.is(v, want[k]));
    });
  }
}
