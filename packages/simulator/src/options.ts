import type { Encoder, EncoderSpec } from './encoders/types.js';
import type { Monitor } from './monitors/types.js';
import type { SimProgress } from './types.js';

/**
 * How the per-step outputs become class scores (summed over steps 1..t either way):
 * - `'sum'` (default, the reference's): Σ out_t — spikes × θ for an IF output layer with amplitude
 *   'threshold' (SpikingJelly's readout), or the membrane potential of an accumulating
 *   (non-spiking) output layer, as the `auto` recipe makes;
 * - `'spikes'`: Σ S_t, the output neurons' spike counts (an IF/LIF output node only);
 * - `'none'`: no scores (accuracy and predictions stay 0): a run that only monitors want, e.g. a recording.
 */
export type ReadoutKind = 'sum' | 'spikes' | 'none';

/**
 * The chunked engine's knobs: plain data, passed unchanged from `simulate()` to every worker
 * thread's session and runner (the one options type of the engine; kernels read it too).
 */
export interface EngineOptions {
  /** Time steps run at once by each layer (time folded into the batch); default: chosen from the batch size. */
  chunk?: number;
  /** Use the WebAssembly SIMD kernels where they fit (default true); false runs every neuron in plain JS. */
  simd?: boolean;
  /** Fuse IF with a 2×2 average pooling reading it, in one SIMD kernel, where it fits (default true). */
  fuse?: boolean;
  /** Convolutions of spikes skip zero inputs (SIMD), where that matches the backend bit for bit (default true). */
  sparse?: boolean;
  /** How outputs become scores (default `'sum'`, what the reference does). */
  readout?: ReadoutKind;
}

/** The {@link EngineOptions} part of `simulate()`'s options (what travels to worker threads). */
export function engineOptions(o: EngineOptions): EngineOptions {
  const { chunk, simd, fuse, sparse, readout } = o;
  return { chunk, simd, fuse, sparse, readout };
}

/** Options of {@link simulate}. */
export interface SimOptions extends EngineOptions {
  /** Number of time steps T; accuracy is reported at every t = 1..T. */
  T: number;
  /** Input encoding (default: constant, the image at every step). */
  encoder?: Encoder | EncoderSpec;
  /** Samples per batch for an `ArraySource` (default 100); tensor batches are used as given. */
  batchSize?: number;
  /** Worker threads (Node): a number, or `'auto'` (default) for one per core; 1 runs in the calling thread (see `offThread`). */
  workers?: number | 'auto';
  /**
   * Run on worker threads even when `workers` is 1 (default false: one thread is the calling thread), where workers can
   * run it: a calling thread that simulates something else meanwhile hands this run to one worker, so that two
   * simulations at once take two threads, not three.
   */
  offThread?: boolean;
  /**
   * On worker threads, let the calling thread be one of the `workers` threads (default false: all of them are
   * worker threads): one worker fewer to start and to hold in memory, for a caller that waits for the run and does
   * nothing else meanwhile (`snn eval`). Its event loop turns between its own pieces, a few tens of ms each. A
   * memory saving, not a speed-up: with warm workers a run measured about 7 % slower this way.
   */
  callingThread?: boolean;
  /** What to record besides accuracy (firing rates, spike trains, membrane traces, SOPs). */
  monitors?: Monitor[];
  /** Called after each batch (from the calling thread). */
  onProgress?: (p: SimProgress) => void;
  /** Forces an execution path; default `'auto'` (the fastest that applies, all give the same results). */
  path?: 'auto' | 'reference' | 'chunked';
  /** Samples in all, for progress (and the worker decision), when the data is an iterable that cannot say. */
  total?: number;
}
