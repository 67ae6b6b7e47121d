import type { Graph } from '@snn/graph';
import type { Recipe } from '../recipe.js';

/**
 * Scores a candidate SNN on held-out validation data — never the test split — simulated for `T`
 * steps; higher is better (the CLI gives the accuracy at T on `validationSplit(train).validation`).
 */
export type ValidateFn = (snn: Graph, T: number) => Promise<number>;

/** One automatic choice of a recipe: named options, each a change to the recipe; the first is the default. */
export interface RecipeChoice {
  /** What is chosen, e.g. `bias-correction`, `max-pool`. */
  name: string;
  options: Array<{ label: string; patch: Partial<Recipe> }>;
}

/** How one choice was made, in the conversion report. */
export interface ChoiceReport {
  name: string;
  picked: string;
  /** `validation`: every option was converted and scored; `default`: no validation data was given, so the first option. */
  by: 'validation' | 'default';
  /** Validation score of each option tried (empty when `by` is `default`). */
  scores: Record<string, number>;
  /** The T the options were scored at. */
  T: number;
}

/**
 * Makes a recipe's choices one after the other (greedy, coordinate-wise): for choice k, each option
 * is applied on top of the options already picked for choices 1…k−1, converted with `build` and
 * scored with `validate` at `T = recipe.targetT ?? 16`; the best score wins, a tie keeps the earlier
 * option. Without `validate`, every choice takes its first option. Costs Σ_k |options_k| conversions.
 *
 * @returns the recipe with every choice applied (and no `choices` left), the result of building it, and the report.
 */
export async function makeChoices<R>(
  recipe: Recipe,
  build: (r: Recipe) => Promise<R>,
  validate: ((r: R, T: number) => Promise<number>) | undefined,
): Promise<{ recipe: Recipe; result: R; choices: ChoiceReport[] }> {
  const T = recipe.targetT ?? 16;
  let current: Recipe = { ...recipe, choices: undefined };
  const choices: ChoiceReport[] = [];
  let best: R | undefined;
  for (const choice of recipe.choices ?? []) {
    if (!choice.options.length) throw new RangeError(`recipe choice '${choice.name}' has no options`);
    if (!validate) {
      current = { ...current, ...choice.options[0].patch };
      choices.push({ name: choice.name, picked: choice.options[0].label, by: 'default', scores: {}, T });
      continue;
    }
    const scores: Record<string, number> = {};
    let pick = -1;
    for (const [i, o] of choice.options.entries()) {
      const r = await build({ ...current, ...o.patch });
      scores[o.label] = await validate(r, T);
      if (pick < 0 || scores[o.label] > scores[choice.options[pick].label]) {
        pick = i;
        best = r;
      }
    }
    current = { ...current, ...choice.options[pick].patch };
    choices.push({ name: choice.name, picked: choice.options[pick].label, by: 'validation', scores, T });
  }
  return { recipe: current, result: best ?? (await build(current)), choices };
}
