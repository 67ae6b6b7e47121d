import type { NeuronArrays } from '@snn/neuron';

/** Where a chunk of a spiking node's output sits in the run. */
export interface ChunkInfo {
  node: string;
  neuron: NeuronArrays;
  /** 1-based step of the chunk's first step. */
  t0: number;
  steps: number;
  /** Samples in the batch. */
  count: number;
  /** Values per sample. */
  size: number;
  /** Index (in the whole run) of the batch's first sample. */
  first: number;
}

/** What the engine tells observers (monitors) while it runs. */
export interface EngineHooks {
  /** Spiking nodes whose chunks of output `spikes` wants. */
  wantsSpikes(node: string): boolean;
  /** Spiking nodes whose membrane potential `membrane` wants after every step. */
  wantsMembrane(node: string): boolean;
  /** A chunk of output (spikes times amplitude), time-major `[steps, count, size]`. */
  spikes(info: ChunkInfo, out: Float32Array): void;
  /** The membrane potential `[count·size]` after 0-based step `step` of the chunk. */
  membrane(info: ChunkInfo, step: number, v: Float32Array): void;
  /** The graph output per step, time-major `[steps, count, size]` (one block for every step when `same`). */
  output?(info: Omit<ChunkInfo, 'neuron'>, out: ArrayLike<number>, same: boolean): void;
  /** Stateless nodes that run per chunk whose values `values` wants (such a node is never fused into the neuron before it). */
  wantsValues?(node: string): boolean;
  /** A chunk of a stateless node's values, time-major `[steps, count, size]` (read it, do not keep it). */
  values?(info: Omit<ChunkInfo, 'neuron'>, out: Float32Array): void;
}
