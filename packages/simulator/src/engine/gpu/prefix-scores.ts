import { argmaxFirst } from '../readout.js';

/**
 * Scores from running sums already added up (on the device): ŷ_t[b] = argmax_k S_t[b, k] (first
 * index on ties, as `tf.argMax` and the CPU engine's `SummedReadout`), and per step the number
 * of correct predictions.
 */
export class PrefixScores {
  readonly correct: Int32Array;
  readonly predictions: Int32Array;

  constructor(
    T: number,
    readonly count: number,
    readonly classes: number,
    readonly labels: ArrayLike<number>,
  ) {
    this.correct = new Int32Array(T);
    this.predictions = new Int32Array(count);
  }

  /** Scores `steps` steps of sums, time-major `sums[(s·count + b)·classes + k]`, the first being step `t0` (1-based). */
  add(sums: ArrayLike<number>, steps: number, t0: number): void {
    const { count, classes: K, predictions, labels } = this;
    for (let s = 0; s < steps; s++) {
      let c = 0;
      for (let b = 0; b < count; b++) {
        const best = argmaxFirst(sums, (s * count + b) * K, K);
        predictions[b] = best;
        if (best === labels[b]) c++;
      }
      this.correct[t0 + s - 1] += c;
    }
  }
}
