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
 * Adds step t's output block `out[base … base + sum.length)` (1-based t) to a readout's running sums
 * in float32, restarting them at the first counted step of a delayed readout (`delay` = k, the
 * graph's `readout.delay`):
 *
 *   S_t = Σ_{τ ≤ t} out_τ   (t ≤ k: nothing is delayed yet, the plain sum)
 *   S_t = Σ_{k < τ ≤ t} out_τ   (t > k: the sum restarts at step k + 1)
 *
 * so one run gives the delayed readout at every t > k and the plain one before. Every readout of
 * the simulator (the engines' {@link SummedReadout}, the reference, the `predictions` monitor) adds
 * through this one function.
 */
export function addReadoutStep(sum: Float32Array, out: ArrayLike<number>, base: number, t: number, delay: number): void {
  if (delay > 0 && t === delay + 1) sum.fill(0);
  for (let j = 0; j < sum.length; j++) sum[j] += out[base + j];
}

/**
 * The summed readout of one batch: S_t[b, k] = Σ_{τ ≤ t} out_τ[b, k] in float32 (as the reference's
 * `tf.add` chain), from step `delay` + 1 on once t > `delay` (see {@link addReadoutStep}), the
 * prediction ŷ_t = argmax_k S_t (first index on ties, as `tf.argMax`), and per step the number of
 * correct predictions.
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
    /** The graph's readout delay k (`graph.readout.delay`): outputs summed from step k + 1. */
    readonly delay = 0,
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
      addReadoutStep(sum, out, same ? 0 : s * count * K, t0 + s, this.delay);
      let c = 0;
      for (let b = 0; b < count; b++) {
        const best = argmaxFirst(sum, b * K, K);
        predictions[b] = best;
        if (best === labels[b]) c++;
      }
      this.correct[t0 + s - 1] += c;
    }
  }
}
