import type { Graph } from '@snn/graph';
import type { ProgressFn } from '../calibrate.js';
import type { Recipe, RecipeChoice } from '../recipe.js';
import { Candidate, type RaceReport, race } from './race-choice.js';
import { RACE_FIRST_IMAGES } from './race.js';

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
  /**
   * Per-image correctness on the images asked for (`images`), at the steps `at`: `correct[i·|at| + h]` is 1 when
   * image i is right at t = at[h]. With it, candidates are compared paired, image by image ({@link makeChoices}).
   */
  correct?: ArrayLike<number>;
  /** Validation images the scorer holds in its fixed (class-stratified, seeded) order: the most a comparison can use. */
  of?: number;
}

/** What {@link makeChoices} asks of a scorer: the pick's cost run (`costs`), or images [from, to) of its fixed order judged at the steps `at`. */
export interface ValidateOptions {
  costs?: boolean;
  images?: [number, number];
  at?: number[];
  /**
   * The SNN this one is before its readout delay (`graph.readout.delay`): the two give the same outputs at every
   * step, only the sum starts later, so a scorer that has run `undelayed` on these images may read this one's
   * accuracy off that run's outputs instead of simulating again.
   */
  undelayed?: Graph;
}

/**
 * Scores a candidate SNN on held-out validation data — never the test split — simulated for `T`
 * steps; higher is better. Return the accuracy at T, or (better) a {@link ValidationScore} with the
 * accuracy at every t, so that one simulation scores all the T a recipe cares about (`scoreTs`), and
 * (best) with `correct` per image for `opts.images` at `opts.at`, so that candidates are compared
 * paired on the same images with a budget that grows only while two are close.
 * `costs` is true for the one call that measures the pick's spikes and SOPs (counting spikes slows
 * a simulation down several-fold, so candidates are scored without it).
 */
export type ValidateFn = (snn: Graph, T: number, opts?: ValidateOptions) => Promise<number | ValidationScore>;

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
  /** The paired race that made the choice (scorers that answer per image): images used, each challenger against the default, why. */
  race?: RaceReport;
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
 * scored with `validate`, simulated for T = max(Ts) steps (Ts = {@link scoreTimes}). A candidate
 * identical to one already scored is not built again. Without `validate`, every choice takes its first option.
 *
 * With a scorer that answers image by image (`ValidationScore.correct`), the options are RACED: the first
 * option is the default, and it wins unless a challenger is better beyond the noise, compared paired on the
 * same validation images,  d_i = (1/|Ts|) Σ_{T ∈ Ts} (right_i(T; challenger) − right_i(T; default)),
 * z = Σ d_i / √(Σ d_i²) ≥ 2 (`race.ts`); every option is scored on the first {@link RACE_FIRST_IMAGES} images
 * of the scorer's order, a challenger no better at all is out at once, and the images double (up to all the
 * scorer holds) only while one is better but not yet beyond the noise. A challenger whose own accuracy falls
 * as T grows (its accuracy at max(Ts) below a shorter T's beyond the noise) is out. The report says per
 * choice what was compared on how many images and why the pick won (`race`). A scorer without per-image
 * results is judged by its mean accuracy over Ts: the best wins, a tie keeps the earlier option.
 *
 * Then one `validate(…, { costs: true })` of the pick, whose spikes and SOPs go into the last choice's
 * `details` (candidates are scored on accuracy alone). A candidate's validation run overlaps the next
 * candidate's build, and with `opts.concurrent` the builds of a choice run at once (same results).
 * `opts.onProgress` hears stage `score` after each validation run (`batch`: runs so far), so that a
 * stage clock charges the runs to it. `opts.costs: false` skips the pick's cost run.
 *
 * @returns the recipe with every choice applied (and no `choices` left), the result of building it, and the report.
 */
export async function makeChoices<R>(
  recipe: Recipe,
  build: (r: Recipe) => Promise<R>,
  validate: ((r: R, T: number, opts?: ValidateOptions) => Promise<number | ValidationScore>) | undefined,
  opts: { onProgress?: ProgressFn; concurrent?: boolean; costs?: boolean } = {},
): Promise<{ recipe: Recipe; result: R; choices: ChoiceReport[] }> {
  const Ts = scoreTimes(recipe);
  const T = Math.max(...Ts);
  let current: Recipe = { ...recipe, choices: undefined };
  const choices: ChoiceReport[] = [];
  const seen = new Map<string, Candidate<R>>();
  let best: R | undefined;
  let runs = 0;
  const score = async (r: R, o?: ValidateOptions) => {
    const s = await (validate as NonNullable<typeof validate>)(r, T, o);
    opts.onProgress?.({ stage: 'score', batch: ++runs, samples: 0 });
    return s;
  };
  const scoreImages = (r: R, images: [number, number]) => score(r, { images, at: Ts });
  for (const choice of recipe.choices ?? []) {
    if (!choice.options.length) throw new RangeError(`recipe choice '${choice.name}' has no options`);
    if (!validate) {
      current = { ...current, ...choice.options[0].patch };
      choices.push({ name: choice.name, picked: choice.options[0].label, by: 'default', scores: {}, T });
      continue;
    }
    // Builds run one after the other (the first may fill a cache the others read), or all at once
    // with `concurrent`; each candidate's validation run starts as soon as it is built, alongside
    // the next build (simulations that find the workers busy run in this thread): the cores stay busy.
    let queue: Promise<unknown> = Promise.resolve();
    const cands = choice.options.map((option) => {
      const candidate = { ...current, ...option.patch };
      const key = JSON.stringify(candidate);
      let c = seen.get(key);
      if (!c) {
        const built = queue.then(() => build(candidate));
        if (!opts.concurrent) queue = built.catch(() => {});
        c = new Candidate(built, scoreImages, Ts.length);
        seen.set(key, c);
      }
      return c;
    });
    await settleAll(cands.map((c) => c.upTo(RACE_FIRST_IMAGES)));
    const labels = choice.options.map((o) => o.label);
    const scores: Record<string, number> = {};
    const details: Record<string, OptionScore> = {};
    let pick = 0;
    let raced: RaceReport | undefined;
    if (cands.every((c) => c.perImage)) {
      const r = await race(labels, cands, Ts.length);
      pick = r.pick;
      raced = r.report;
      for (const [i, c] of cands.entries()) {
        const acc = c.accuracy();
        scores[labels[i]] = acc.reduce((a, v) => a + v, 0) / acc.length;
        details[labels[i]] = { accuracy: Object.fromEntries(Ts.map((t, h) => [String(t), acc[h]])) };
      }
    } else
      for (const [i, c] of cands.entries()) {
        const done = summarise(c.first as number | ValidationScore, Ts);
        scores[labels[i]] = done.score;
        if (done.detail) details[labels[i]] = done.detail;
        if (done.score > scores[labels[pick]]) pick = i;
      }
    best = await cands[pick].built;
    current = { ...current, ...choice.options[pick].patch };
    const report: ChoiceReport = { name: choice.name, picked: labels[pick], by: 'validation', scores, T };
    if (Object.keys(details).length) Object.assign(report, { Ts, details });
    if (raced) report.race = raced;
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
