import type { Graph } from '@snn/graph';
import type { ProgressFn } from '../calibrate.js';
import type { Recipe, RecipeChoice } from '../recipe.js';

export type { RecipeChoice };

/**
 * A candidate's validation result from one simulation of T steps: `accuracy[t − 1]` at every
 * t = 1..T (the outputs summed over steps 1..t), and what it cost per image up to each t when the
 * scorer measures it (the simulator's `synapticOps` monitor: `spikesUpTo`, `sopsUpTo`).
 */
export interface ValidationScore {
  accuracy: number[];
  spikesPerImage?: number[];
  sopsPerImage?: number[];
}

/**
 * Scores a candidate SNN on held-out validation data — never the test split — simulated for `T`
 * steps; higher is better. Return the accuracy at T, or (better) a {@link ValidationScore} with the
 * accuracy at every t, so that one simulation scores all the T a recipe cares about (`scoreTs`).
 * `costs` is true for the one call that measures the pick's spikes and SOPs (counting spikes slows
 * a simulation down several-fold, so candidates are scored without it).
 */
export type ValidateFn = (snn: Graph, T: number, opts?: { costs?: boolean }) => Promise<number | ValidationScore>;

/** One option's validation figures at each scored T (keys are T). */
export interface OptionScore {
  accuracy: Record<string, number>;
  spikesPerImage?: Record<string, number>;
  sopsPerImage?: Record<string, number>;
}

/** How one choice was made, in the conversion report. */
export interface ChoiceReport {
  name: string;
  picked: string;
  /** `validation`: every option was converted and scored; `default`: no validation data was given, so the first option. */
  by: 'validation' | 'default';
  /** Validation score of each option tried: the mean accuracy over `Ts` (empty when `by` is `default`). */
  scores: Record<string, number>;
  /** The T simulated (the largest of `Ts`). */
  T: number;
  /** The T whose accuracies were averaged into `scores` (when the scorer gave accuracy at every t). */
  Ts?: number[];
  /** Per option: accuracy, spikes and SOPs per image at each of `Ts`. */
  details?: Record<string, OptionScore>;
}

/** The T a recipe's candidates are scored at: `recipe.scoreTs`, else its `targetT` (16). */
export const scoreTimes = (r: Recipe): number[] => r.scoreTs ?? [r.targetT ?? 16];

const at = (v: number[] | undefined, Ts: number[]) => (v ? Object.fromEntries(Ts.map((t) => [String(t), v[t - 1]])) : undefined);

/** A scorer's answer as (mean accuracy over Ts, per-T details). */
function summarise(s: number | ValidationScore, Ts: number[]): { score: number; detail?: OptionScore } {
  if (typeof s === 'number') return { score: s };
  const accuracy = at(s.accuracy, Ts) as Record<string, number>;
  const score = Ts.reduce((a, t) => a + s.accuracy[t - 1], 0) / Ts.length;
  return { score, detail: { accuracy, spikesPerImage: at(s.spikesPerImage, Ts), sopsPerImage: at(s.sopsPerImage, Ts) } };
}

/**
 * Makes a recipe's choices one after the other (greedy, coordinate-wise): for choice k, each option
 * is applied on top of the options already picked for choices 1…k−1, converted with `build` and
 * scored with `validate`, simulated once for T = max(Ts) steps (Ts = {@link scoreTimes}); the score
 * is the mean accuracy over Ts,  score = (1/|Ts|) Σ_{T ∈ Ts} acc(T),  the best wins, a tie keeps
 * the earlier option. A candidate identical to one already scored is not built again. Without
 * `validate`, every choice takes its first option. Costs at most Σ_k |options_k| conversions,
 * plus one `validate(…, { costs: true })` of the pick, whose spikes and SOPs go into the last
 * choice's `details` (candidates are scored on accuracy alone). A candidate's validation run overlaps
 * the next candidate's build, and with `opts.concurrent` the builds of a choice run at once (same
 * results, cores kept busy). `opts.onProgress` hears stage `score` after each validation run
 * (`batch`: runs so far), so that a stage clock charges the runs to it. `opts.costs: false` skips the
 * pick's cost run (a caller that drops the report: no spikes or SOPs are recorded).
 *
 * @returns the recipe with every choice applied (and no `choices` left), the result of building it, and the report.
 */
export async function makeChoices<R>(
  recipe: Recipe,
  build: (r: Recipe) => Promise<R>,
  validate: ((r: R, T: number, opts?: { costs?: boolean }) => Promise<number | ValidationScore>) | undefined,
  opts: { onProgress?: ProgressFn; concurrent?: boolean; costs?: boolean } = {},
): Promise<{ recipe: Recipe; result: R; choices: ChoiceReport[] }> {
  const Ts = scoreTimes(recipe);
  const T = Math.max(...Ts);
  let current: Recipe = { ...recipe, choices: undefined };
  const choices: ChoiceReport[] = [];
  const seen = new Map<string, Promise<{ result: R; score: number; detail?: OptionScore }>>();
  let best: R | undefined;
  let runs = 0;
  const score = async (r: R, o?: { costs?: boolean }) => {
    const s = await (validate as NonNullable<typeof validate>)(r, T, o);
    opts.onProgress?.({ stage: 'score', batch: ++runs, samples: 0 });
    return s;
  };
  for (const choice of recipe.choices ?? []) {
    if (!choice.options.length) throw new RangeError(`recipe choice '${choice.name}' has no options`);
    if (!validate) {
      current = { ...current, ...choice.options[0].patch };
      choices.push({ name: choice.name, picked: choice.options[0].label, by: 'default', scores: {}, T });
      continue;
    }
    const scores: Record<string, number> = {};
    const details: Record<string, OptionScore> = {};
    // Builds run one after the other (the first may fill a cache the others read), or all at once
    // with `concurrent`; each candidate's validation run starts as soon as it is built, alongside
    // the next build (simulations that find the workers busy run in this thread): the cores stay
    // busy. The results do not depend on the overlap; the pick is made in option order, as one by one.
    let queue: Promise<unknown> = Promise.resolve();
    const pending = choice.options.map((option) => {
      const candidate = { ...current, ...option.patch };
      const key = JSON.stringify(candidate);
      let done = seen.get(key);
      if (!done) {
        const built = queue.then(() => build(candidate));
        if (!opts.concurrent) queue = built.catch(() => {});
        done = built.then(async (result) => ({ result, ...summarise(await score(result), Ts) }));
        seen.set(key, done);
      }
      return done;
    });
    const results = await settleAll(pending);
    let pick = -1;
    for (const [i, o] of choice.options.entries()) {
      const done = results[i];
      scores[o.label] = done.score;
      if (done.detail) details[o.label] = done.detail;
      if (pick < 0 || done.score > scores[choice.options[pick].label]) {
        pick = i;
        best = done.result;
      }
    }
    current = { ...current, ...choice.options[pick].patch };
    const report: ChoiceReport = { name: choice.name, picked: choice.options[pick].label, by: 'validation', scores, T };
    if (Object.keys(details).length) Object.assign(report, { Ts, details });
    choices.push(report);
  }
  const last = choices.at(-1);
  if (validate && opts.costs !== false && best !== undefined && last?.details) {
    const costed = summarise(await score(best, { costs: true }), Ts).detail;
    if (costed?.spikesPerImage)
      last.details[last.picked] = { ...last.details[last.picked], spikesPerImage: costed.spikesPerImage, sopsPerImage: costed.sopsPerImage };
  }
  return { recipe: current, result: best ?? (await build(current)), choices };
}

/** Awaits every promise (none left running or unhandled), then returns their values or throws the first failure. */
async function settleAll<T>(ps: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(ps);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
}
