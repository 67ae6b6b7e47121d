/** argmax_k a[row + k] over k < K, the first index on ties (as `tf.argMax`); NaN never wins after k = 0. */
export function argmaxFirst(a: ArrayLike<number>, row: number, K: number): number {
  let best = 0;
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < K; k++) {
    const v = a[row + k];
    if (k === 0 || v > max) {
      max = v;
      best = k;
    }
  }
  return best;
}

/**
 * The summed readout of one batch: S_t[b, k] = Σ_{τ ≤ t} out_τ[b, k] in float32 (as the reference's
 * `tf.add` chain), the prediction ŷ_t = argmax_k S_t (first index on ties, as `tf.argMax`), and
 * per step the number of correct predictions.
 */
export class SummedReadout {
  /** `correct[t − 1]` for this batch. */
  readonly correct: Int32Array;
  /** Predictions at the last step recorded so far. */
  readonly predictions: Int32Array;
  private readonly sum: Float32Array;

  constructor(
    readonly T: number,
    readonly count: number,
    readonly classes: number,
    private readonly labels: ArrayLike<number>,
  ) {
    this.correct = new Int32Array(T);
    this.predictions = new Int32Array(count);
    this.sum = new Float32Array(count * classes);
  }

  /**
   * Adds `steps` steps of output, time-major `out[(s·count + b)·classes + k]` (or one `[count·classes]`
   * block added at every step when `same`), the first of them being step `t0` (1-based).
   */
  add(out: ArrayLike<number>, steps: number, t0: number, same = false): void {
    const { count, classes: K, predictions } = this;
    const sum = this.sum;
    const labels = this.labels;
    for (let s = 0; s < steps; s++) {
      const base = same ? 0 : s * count * K;
      let c = 0;
      for (let b = 0; b < count; b++) {
        const row = b * K;
        for (let k = 0; k < K; k++) sum[row + k] += out[base + row + k];
        const best = argmaxFirst(sum, row, K);
        predictions[b] = best;
        if (best === labels[b]) c++;
      }
      this.correct[t0 + s - 1] += c;
    }
  }
}
