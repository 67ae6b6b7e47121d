import type { GraphNode } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { callLayer } from '../layer-call.js';
import type { KernelArena } from '../wasm/arena.js';
import type { ConvGeometry } from '../wasm/sparse-conv-module.js';
import { SparseChoice } from './sparse-choice.js';
import { SparseConv } from './sparse-layer.js';
import type { KernelLayer, LayerExec, LayerKernel } from './types.js';

export { SparseConv } from './sparse-layer.js';

/** The geometry of a Conv2d node the sparse kernels can run (one group, no dilation), else undefined. */
export function convGeometry(node: GraphNode, input: readonly number[]): ConvGeometry | undefined {
  if (node.op !== 'Conv2d' || input.length !== 3) return undefined;
  const a = node.attrs as { strides: number[]; pads: number[]; dilations: number[]; groups: number };
  if (a.groups !== 1 || a.dilations.some((d) => d !== 1)) return undefined;
  const [kh, kw, C, M] = node.params.weight.shape;
  return { H: input[0], W: input[1], C, M, kh, kw, sh: a.strides[0], sw: a.strides[1], pt: a.pads[0], pl: a.pads[1], Ho: node.shape[0], Wo: node.shape[1] };
}

/** A Linear `[C] → [M]` as the geometry of a 1×1 convolution of a 1×1 image (its weights `[C, M]` are HWIO `[1, 1, C, M]`). */
export function linearGeometry(node: GraphNode, input: readonly number[]): ConvGeometry | undefined {
  if (node.op !== 'Linear' || input.length !== 1) return undefined;
  const [C, M] = node.params.weight.shape;
  return { H: 1, W: 1, C, M, kh: 1, kw: 1, sh: 1, sw: 1, pt: 0, pl: 0, Ho: 1, Wo: 1 };
}

/**
 * Rows of a measuring chunk that the dense layer runs on (its output is dropped; the time per row is
 * what {@link SparseChoice} keeps): an eighth of the chunk, at least 32 rows (or all), so that the
 * call's fixed cost stays small against the rows. Each thread measures once per layer geometry, and
 * its first dense calls run before the backend's code is optimised: the whole chunk cost ~0.14 s
 * per simulation worker (cpu-profile of `snn eval`, tutorial CNN).
 */
export const probeRows = (rows: number): number => Math.min(rows, Math.max(32, Math.ceil(rows / 8)));

/**
 * What this process learnt per kernel, backend and geometry, shared by every `simulate()` call (the
 * small calls of a search would otherwise each pay the check and the two dense probe chunks): whether
 * the sparse sums match the backend's layer (the summation order is the geometry's, not the
 * weights'), and the sparse/dense time estimates (per listed entry and per row, not per layer).
 */
const matches = new Map<string, boolean>();

/**
 * The period of the input's value codes (`ValueTable`): a Linear over a flattened map `[H·W·C]` learns
 * them per channel of the map (C tables to fill from the chunks, not H·W·C); every other layer per input channel.
 * The first instance of a layer (its `matchesLayer` check) keeps the table for the later ones: both pass it.
 */
const codePeriod = (l: KernelLayer, G: ConvGeometry): number => (G.C % l.inputChannels === 0 ? l.inputChannels : G.C);

/** The value table's seed (`KernelLayer.inputCodes`), where its rows are as wide as the table's period. */
const seedOf = (l: KernelLayer, G: ConvGeometry): Float32Array | undefined => {
  const p = codePeriod(l, G);
  const codes = p === l.inputChannels ? l.inputCodes() : undefined;
  return codes && codes.length % p === 0 ? codes : undefined;
};
const choices = new Map<string, SparseChoice>();

/**
 * A kernel for layers of spikes that skip the zero inputs, where the sums match the backend's own
 * layer bit for bit; per chunk the sparse or the dense layer runs, whichever the measured times
 * predict faster at this chunk's density ({@link SparseChoice}, one per geometry in the process).
 */
function sparseKernel(
  op: string,
  name: string,
  geometry: (node: GraphNode, input: readonly number[]) => ConvGeometry | undefined,
  anyInput: (G: ConvGeometry) => boolean = () => false,
): LayerKernel {
  const key = (G: ConvGeometry, backend: string) => `${name}|${backend}|${JSON.stringify(G)}`;
  const fits = (l: KernelLayer, backend: string): boolean => {
    const G = geometry(l.node, l.inputShape);
    if (!G) return false;
    const k = key(G, backend);
    let yes = matches.get(k);
    if (yes === undefined) {
      yes = new SparseConv(l.node, G, l.arena as KernelArena, l.inputShape, codePeriod(l, G), seedOf(l, G)).matchesLayer();
      matches.set(k, yes);
    }
    return yes;
  };
  return {
    kind: 'layer',
    op,
    name,
    priority: 20,
    fits: (l, backend) => {
      if (backend !== 'wasm' || !l.arena || !(l.engine.sparse ?? true)) return false;
      const G = geometry(l.node, l.inputShape);
      return Boolean(G && (l.spikyInput || anyInput(G)) && fits(l, backend));
    },
    create(l) {
      const { node } = l;
      const G = geometry(l.node, l.inputShape) as ConvGeometry;
      const conv = new SparseConv(node, G, l.arena as KernelArena, l.inputShape, codePeriod(l, G), seedOf(l, G));
      const k = key(G, 'wasm');
      const choice = choices.get(k) ?? new SparseChoice();
      choices.set(k, choice);
      const perRow = conv.G.H * conv.G.W * conv.G.C;
      /** The dense layer on the chunk's rows, or (a probe) on its first `rows` rows only. */
      const dense = (io: Parameters<LayerExec['run']>[0], rows = io.rows) =>
        callLayer(
          node,
          node.inputs.map((_, k) => (rows < io.rows ? tf.slice(io.input(k), 0, rows) : io.input(k))),
        );
      /** Runs the dense layer on `rows` rows and records its time; its output is the node's unless `keep` is false (a probe). */
      const runDense = (io: Parameters<LayerExec['run']>[0], rows: number, keep: boolean): void => {
        const t1 = performance.now();
        const y = dense(io, rows);
        y.dataSync();
        choice.denseTook(performance.now() - t1, rows);
        if (keep) io.values.setTensor(node.name, y);
        else y.dispose();
      };
      /** This layer's listed inputs per row in its last listed chunk (what a chunk that is not listed is predicted by). */
      let entriesPerRow: number | undefined;
      return {
        begin: () => conv.begin(),
        run(io) {
          // a layer its estimates keep dense: no listing of the input, only to run the dense layer after it
          if (entriesPerRow !== undefined && choice.denseAhead(entriesPerRow * io.rows, io.rows)) return runDense(io, io.rows, true);
          const t0 = performance.now();
          const x = io.values.arenaOffset(node.inputs[0]);
          const c = conv.compress(x, io.rows);
          const entries = c.density * io.rows * perRow;
          entriesPerRow = entries / io.rows;
          const measuring = choice.measuring;
          const sparse = choice.sparse(entries, io.rows);
          if (sparse) {
            io.values.setArray(node.name, c.accumulate());
            choice.sparseTook(performance.now() - t0, entries);
          }
          if (sparse && !c.coded) conv.learn(x, io.rows); // outside the timing: its cost is once per value
          // a probe's output is dropped: a slice of the rows times it
          if (measuring || !sparse) runDense(io, measuring ? probeRows(io.rows) : io.rows, !measuring);
        },
      };
    },
  };
}

/** Convolutions of spikes that skip the zero inputs (any number of output channels). */
export const sparseConvKernel = sparseKernel('Conv2d', 'sparse-conv', convGeometry);

/**
 * Weights of a Linear small enough that the tfjs call costs more than its sums: it runs here on any
 * input (dense or not), the measured choice keeping it sparse or dense. The Fashion ResNet's
 * classifier (48 → 10, after a GlobalAvgPool) took 4 % of the simulation as a tensor op per chunk.
 */
export const SMALL_LINEAR_WEIGHTS = 4096;

/** Linear layers fed by spikes (or their pooling, flattened) that skip the zero inputs, and small Linear layers fed by anything. */
export const sparseLinearKernel = sparseKernel('Linear', 'sparse-linear', linearGeometry, (G) => G.C * G.M <= SMALL_LINEAR_WEIGHTS);
