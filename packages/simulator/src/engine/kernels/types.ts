import type { GraphNode } from '@snn/graph';
import type * as tf from '@tensorflow/tfjs-core';
import type { EngineOptions } from '../../options.js';
import type { ChunkValues } from '../chunk-values.js';
import type { NeuronArrays } from '@snn/neuron';
import type { KernelArena } from '../wasm/arena.js';

/** Called after each step of a chunk with the membrane potential `[count·size]` (read it, do not keep it). */
export type MembraneProbe = (step: number, v: Float32Array) => void;

/** What a kernel is told about the node it may run (built once per run, before any batch). */
export interface KernelLayer {
  node: GraphNode;
  /** `'spiking'`: a stateful node (a neuron kernel runs it); `'dynamic'`: stateless, run once per chunk. */
  role: 'spiking' | 'dynamic';
  /** Values per sample of the node's output. */
  size: number;
  /** Shape (per sample) of the node's first input. */
  inputShape: readonly number[];
  /**
   * The last axis of the first input as made, before the view ops that pass it on (Flatten, Identity,
   * Dropout): a Linear reading a flattened NHWC map `[H·W·C]` gets C, the period of its values' channels.
   */
  inputChannels: number;
  /**
   * The non-zero values the first input can take, per channel of that map (`inputChannels`), as rows
   * `[k, C]`, when it is known from the graph: the spikes of IF neurons with binary spikes (k = 1, the
   * amplitude) or their 2×2 average pooling (k = 4, what `tf.avgPool` gives for 1–4 firing cells),
   * through the view ops. A sparse kernel's value table from its first chunk; undefined otherwise.
   * A function, computed when a kernel asks (the pooled values are `tf.avgPool`'s on the backend in use).
   */
  inputCodes: () => Float32Array | undefined;
  /** The neuron's parameters as float32 arrays (spiking nodes). */
  neuron?: NeuronArrays;
  /** The nodes that read this one. */
  readers: readonly GraphNode[];
  /** True for the graph output (its values must be materialised). */
  isOutput: boolean;
  /** True when the first input is made of spikes (or their pooling): mostly zeros. */
  spikyInput: boolean;
  /** True when a monitor reads this node's spikes, or the values of a node reading it (neither may be fused away). */
  observed: boolean;
  engine: EngineOptions;
  /** The WebAssembly memory shared by the SIMD kernels, when they are on and available. */
  arena: KernelArena | undefined;
}

/** Runs one spiking node's recurrence over the chunks of a batch. */
export interface NeuronExec {
  /** Starts a batch of `count` samples at V₀ (arena allocations go here: the arena is reset per batch). */
  begin(count: number, staticInput: boolean): void;
  /**
   * Runs `steps` steps on `x` (`[steps·count·size]`, or `[count·size]` for a static input) and
   * returns the output `[steps·count·size]`, valid until this node (or the arena) runs again.
   * Executors with `takesArenaInput` also take the input as a byte offset into their arena.
   */
  run(x: Float32Array | number, steps: number, probe?: MembraneProbe): Float32Array;
  readonly takesArenaInput?: boolean;
  /** A reader this executor computes too (its output is then the reader's; the reader is skipped). */
  readonly fuses?: GraphNode;
  /** How monitors read the outputs of a stateful node that is not a neuron (e.g. each non-zero value one event). */
  readonly events?: NeuronArrays;
}

/** One chunk's values as a stateless kernel sees them. */
export interface ChunkIO {
  values: ChunkValues;
  /** Rows of the chunk: steps × samples. */
  rows: number;
  /** Input `k` of the node as a tensor `[rows, …]` (a static input tiled over the steps). */
  input(k: number): tf.Tensor;
}

/** Runs one stateless node once per chunk. */
export interface LayerExec {
  /** Per batch, before scratch allocations (persistent arena regions go here). */
  begin?(): void;
  /** Computes the node's value for the chunk and stores it in `io.values` under the node's name. */
  run(io: ChunkIO): void;
}

interface KernelBase<K extends 'neuron' | 'layer', E> {
  kind: K;
  /** The neuron model or layer op this kernel runs (`'*'`: any). */
  op: string;
  /** The kernel's name (what `ChunkedRunner.kernelOf` reports). */
  name: string;
  /** Higher first: the first kernel that fits a node runs it. */
  priority: number;
  /** True when this kernel computes the node exactly as the reference does on `backend` (`tf.getBackend()`). */
  fits(layer: KernelLayer, backend: string): boolean;
  create(layer: KernelLayer): E;
}

/** A kernel for spiking nodes. */
export type NeuronKernel = KernelBase<'neuron', NeuronExec>;
/** A kernel for stateless nodes. */
export type LayerKernel = KernelBase<'layer', LayerExec>;
/** A simulator kernel of either kind (what `registerKernel` takes). */
export type Kernel = NeuronKernel | LayerKernel;
