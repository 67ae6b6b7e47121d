import type { Tensor } from '@tensorflow/tfjs-core';
import type { StreamingHistogram } from '../stats/histogram.js';

/** How a layer's threshold is derived from its activations (typed; the CLI parses `99.9%` into these). */
export type NormMode =
  | { kind: 'max' }
  | { kind: 'percentile'; p: number }
  | { kind: 'scale'; s: number }
  | { kind: 'targetT'; T: number; v0Fraction?: number; burst?: number };

/** A normalisation strategy: one file each, registered by `kind`. */
export interface NormStrategy<M extends NormMode = NormMode> {
  kind: M['kind'];
  /** Checks the options; throws a RangeError naming the bad field. */
  validate(mode: M): void;
  /** The per-batch statistic s_t (SpikingJelly's VoltageHook), or undefined if the mode needs the whole set. */
  batchStatistic?(values: Float32Array, mode: M): number;
  /**
   * The same per-batch statistic computed where the tensor lives (no read-back of the whole
   * activation), or undefined when this mode/size has no cheap device form. Reads are awaited:
   * WebGPU's synchronous read is broken in Chromium and Node.
   */
  deviceBatchStatistic?(t: Tensor, mode: M): Promise<number | undefined>;
  /** The statistic over the whole calibration set from its histogram. */
  fromHistogram(h: StreamingHistogram, mode: M): number;
}
