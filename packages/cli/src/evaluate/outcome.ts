import { signFlipZ } from '@snn/converter';

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
  /** Each listed T against the longest, image by image (absent when fewer than two T are listed). */
  changes?: ReadingChange[];
}

/**
 * How the readings at a shorter T compare with those at the longest T of the same run, image by image:
 * counts, so that shards add up. The accuracy changes by (gained − lost)/n from `from` to `to`, and
 * McNemar's z = (gained − lost)/√(gained + lost) says whether that is beyond the noise of the images
 * ({@link changeZ}): the two readings are of the same images, so their difference is far less noisy than
 * either accuracy (a fall of 7 images of 10,000 with 80 images changing sides is z −0.8).
 */
export interface ReadingChange {
  from: number;
  to: number;
  /** Images right at `to` and wrong at `from`. */
  gained: number;
  /** Images right at `from` and wrong at `to`. */
  lost: number;
}

/** McNemar's z of a change: (gained − lost)/√(gained + lost), 0 when no image changes (the race's sign-flip z for one T). */
export const changeZ = (c: ReadingChange): number => signFlipZ(c.gained - c.lost, c.gained + c.lost);

/**
 * The {@link ReadingChange}s of each T of `at` but the last against the last, from per-image predictions
 * `predicted[s·|at| + h]` (sample s's class at `at[h]`, the simulator's `predictions` monitor) and `labels[s]`.
 *
 * @example readingChanges([1, 1, 0, 1], [1, 1], [8, 32]) // [{ from: 8, to: 32, gained: 1, lost: 0 }]
 */
export function readingChanges(predicted: ArrayLike<number>, labels: ArrayLike<number>, at: readonly number[]): ReadingChange[] {
  const H = at.length;
  const to = at[H - 1];
  return at.slice(0, -1).map((from, h) => {
    let gained = 0;
    let lost = 0;
    for (let s = 0; s < labels.length; s++) {
      const before = predicted[s * H + h] === labels[s];
      const after = predicted[s * H + H - 1] === labels[s];
      if (after && !before) gained++;
      else if (before && !after) lost++;
    }
    return { from, to, gained, lost };
  });
}

/**
 * Adds outcomes of disjoint sample sets into the outcome of their union:
 *
 *   n = Σ_s n_s     correct[t] = Σ_s correct_s[t]     confusion[i][j] = Σ_s confusion_s[i][j]
 *
 * and the gained / lost counts of their `changes` likewise.
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
  const withChanges = parts.filter((p) => p.changes).length;
  if (withChanges && withChanges < parts.length) throw new RangeError('mergeOutcomes: some outcomes lack the per-T changes of the others');
  if (withChanges) out.changes = sumChanges(parts.map((p) => p.changes as ReadingChange[]));
  return out;
}

function sumChanges(parts: ReadingChange[][]): ReadingChange[] {
  const [first] = parts;
  for (const p of parts)
    if (p.length !== first.length || p.some((c, k) => c.from !== first[k].from || c.to !== first[k].to))
      throw new RangeError('mergeOutcomes: outcomes compare different T');
  return first.map((c, k) => ({ from: c.from, to: c.to, gained: parts.reduce((a, p) => a + p[k].gained, 0), lost: parts.reduce((a, p) => a + p[k].lost, 0) }));
}

/** `accuracy(t) = correct[t − 1] / n` at every t = 1..T. */
export const accuracyCurve = (o: EvalOutcome): number[] => o.correct.map((c) => c / o.n);

/** Accuracy at the requested steps, keyed as `snn eval --json` writes them: `{ "8": 0.97, … }`. */
export const accuracyAt = (o: EvalOutcome, Ts: readonly number[]): Record<string, number> =>
  Object.fromEntries(Ts.map((t) => [String(t), o.correct[t - 1] / o.n]));
