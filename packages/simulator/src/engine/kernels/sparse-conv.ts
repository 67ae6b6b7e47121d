import { createRng, type GraphNode } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { callLayer } from '../layer-call.js';
import type { KernelArena } from '../wasm/arena.js';
import { type ConvGeometry, sparseConvFits, sparseConvModuleBytes } from '../wasm/sparse-conv-module.js';
import type { LayerKernel } from './types.js';

/** Above this density of non-zero inputs a chunk's convolution runs dense (measured break-even ≈ 0.45). */
export const SPARSE_MAX_DENSITY = 0.35;

interface SparseExports {
  compress(x: number, pixels: number, starts: number, idx: number, val: number): number;
  accumulate(images: number, starts: number, idx: number, val: number, w: number, y: number): void;
  bias(y: number, b: number, pixels: number): void;
}

const modules = new Map<string, WebAssembly.Module>();

/** The geometry of a Conv2d node the sparse kernels can run (one group, no dilation), else undefined. */
export function convGeometry(node: GraphNode, input: readonly number[]): ConvGeometry | undefined {
  if (node.op !== 'Conv2d' || input.length !== 3) return undefined;
  const a = node.attrs as { strides: number[]; pads: number[]; dilations: number[]; groups: number };
  if (a.groups !== 1 || a.dilations.some((d) => d !== 1)) return undefined;
  const [kh, kw, C, M] = node.params.weight.shape;
  const G: ConvGeometry = {
    H: input[0],
    W: input[1],
    C,
    M,
    kh,
    kw,
    sh: a.strides[0],
    sw: a.strides[1],
    pt: a.pads[0],
    pl: a.pads[1],
    Ho: node.shape[0],
    Wo: node.shape[1],
  };
  return sparseConvFits(G) ? G : undefined;
}

/**
 * A Conv2d that skips zero inputs (spikes, or pooled spikes, are mostly 0): per step the input's
 * non-zero values are listed per pixel, then each output sums x·W over the taps and listed
 * channels in the order XNNPACK's dense kernels sum them. Whether that order holds on the backend
 * in use is checked once ({@link SparseConv.matchesLayer}); the engine uses the dense layer otherwise.
 */
export class SparseConv {
  private readonly fn: SparseExports;
  private readonly weights: Float32Array;
  private readonly biasValues: Float32Array | undefined;
  private w = 0;
  private b = 0;

  constructor(
    readonly node: GraphNode,
    readonly G: ConvGeometry,
    private readonly arena: KernelArena,
  ) {
    const key = JSON.stringify(G);
    let m = modules.get(key);
    if (!m) {
      m = new WebAssembly.Module(sparseConvModuleBytes(G));
      modules.set(key, m);
    }
    this.fn = arena.instantiate(m) as unknown as SparseExports;
    this.weights = Float32Array.from(node.params.weight.dataSync());
    this.biasValues = node.params.bias ? Float32Array.from(node.params.bias.dataSync()) : undefined;
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
   * layer's output `[images·Ho·Wo·M]` as an arena view, valid until the next allocation).
   */
  compress(x: number, images: number): { density: number; accumulate: () => Float32Array } {
    const { G, arena } = this;
    const pixels = images * G.H * G.W;
    const starts = arena.alloc(pixels + 1);
    const idx = arena.alloc(pixels * G.C);
    const val = arena.alloc(pixels * G.C);
    const bytes = this.fn.compress(x, pixels, starts, idx, val);
    const accumulate = () => {
      const outN = images * G.Ho * G.Wo * G.M;
      const y = arena.alloc(outN);
      this.fn.accumulate(images, starts, idx, val, this.w, y);
      if (this.biasValues) this.fn.bias(y, this.b, images * G.Ho * G.Wo);
      return arena.view(y, outN);
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
      const want = callLayer(this.node, [tf.tensor(x, [images, G.H, G.W, G.C])]).dataSync();
      return copy.length === want.length && copy.every((v, k) => Object.is(v, want[k]));
    });
  }
}

/**
 * Convolutions of spikes that skip the zero inputs, where the sums match the backend's own layer
 * bit for bit; a chunk whose input is denser than {@link SPARSE_MAX_DENSITY} runs the dense layer.
 */
export const sparseConvKernel: LayerKernel = {
  kind: 'layer',
  op: 'Conv2d',
  name: 'sparse-conv',
  priority: 20,
  fits(l) {
    if (!(l.arena && (l.engine.sparse ?? true) && l.spikyInput)) return false;
    const G = convGeometry(l.node, l.inputShape);
    return G !== undefined && new SparseConv(l.node, G, l.arena).matchesLayer();
  },
  create(l) {
    const { node } = l;
    const conv = new SparseConv(node, convGeometry(node, l.inputShape) as ConvGeometry, l.arena as KernelArena);
    return {
      begin: () => conv.begin(),
      run(io) {
        const c = conv.compress(io.values.arenaOffset(node.inputs[0]), io.rows);
        if (c.density <= SPARSE_MAX_DENSITY) io.values.setArray(node.name, c.accumulate());
        else
          io.values.setTensor(
            node.name,
            callLayer(
              node,
              node.inputs.map((_, k) => io.input(k)),
            ),
          );
      },
    };
  },
};
