/**
 * What scoring an SNN on some samples yields, in a form that adds up exactly: counts, not
 * fractions. A sharded run (`--queue`) and a local one produce the same outcome for the same
 * samples, so the accuracies they print are the same numbers.
 */
export interface EvalOutcome {
  /** Samples scored. */
  n: number;
  /** `correct[t − 1]`: samples right when outputs summed over steps 1..t decide, t = 1..T. */
  correct: number[];
  /** Confusion matrix at the final T: `confusion[label][prediction]`. */
  confusion: number[][];
}

/**
 * Adds outcomes of disjoint sample sets into the outcome of their union:
 *
 *   n = Σ_s n_s     correct[t] = Σ_s correct_s[t]     confusion[i][j] = Σ_s confusion_s[i][j]
 *
 * @example
 * mergeOutcomes([a, b]).correct[7] === a.correct[7] + b.correct[7];
 */
export function mergeOutcomes(parts: readonly EvalOutcome[]): EvalOutcome {
  if (parts.length === 0) throw new RangeError('mergeOutcomes: no outcome to merge');
  const T = parts[0].correct.length;
  const K = Math.max(...parts.map((p) => p.confusion.length));
  const out: EvalOutcome = { n: 0, correct: new Array(T).fill(0), confusion: Array.from({ length: K }, () => new Array<number>(K).fill(0)) };
  for (const p of parts) {
    if (p.correct.length !== T) throw new RangeError(`mergeOutcomes: outcomes of ${T} and ${p.correct.length} steps do not add up`);
    out.n += p.n;
    for (let t = 0; t < T; t++) out.correct[t] += p.correct[t];
    p.confusion.forEach((row, i) => {
      row.forEach((c, j) => {
        out.confusion[i][j] += c;
      });
    });
  }
  return out;
}

/** `accuracy(t) = correct[t − 1] / n` at every t = 1..T. */
export const accuracyCurve = (o: EvalOutcome): number[] => o.correct.map((c) => c / o.n);

/** Accuracy at the requested steps, keyed as `snn eval --json` writes them: `{ "8": 0.97, … }`. */
export const accuracyAt = (o: EvalOutcome, Ts: readonly number[]): Record<string, number> =>
  Object.fromEntries(Ts.map((t) => [String(t), o.correct[t - 1] / o.n]));
