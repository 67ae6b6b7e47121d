// The max-pooling section of docs/RESULTS.md: on the three VGG-style Fashion-MNIST fixtures with
// MaxPool (after ReLU, after Dropout, with ceil_mode), (1) pick the max-pool rule by accuracy on a
// validation split carved from the training split (never the test split), then (2) score, in one
// run, the ANN, our reproduction of SpikingJelly's max and 99.9% modes, and the default recipe on a
// stratified seeded test subset at every T. Prints the markdown section, and the JSON with --json.
//
//   node tools/run-ts.mjs tools/results/maxpool.ts [--render saved.json] [--test 1000] [--val 500] [--calibrate 10000] [--models a,b] [--rules gate,running-max] [--auto DIR] [--json out.json]
// --auto DIR: the default recipe's rows are read from DIR/auto-<model>.json, the `snn eval --mode auto --json`
// output of each model on the same test subset and calibration (the auto section's runs), instead of converting here.
// (rules: gate, gate-m0.9 (momentum 0.9), running-max, pre-spike = every pool moved ahead of its ReLU)
import { parseArgs } from 'node:util';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { initBackend } from '@snn/backend';
import { calibrationBatches, fastOutputMeans, validator } from '@snn/cli';
import {
  autoRecipe,
  type ChoiceReport,
  type ConvertOptions,
  convert,
  DEFAULT_MAX_POOL,
  type MaxPoolRecipe,
  type Recipe,
  spikingJellyRecipe,
} from '@snn/converter';
import { loadDataset, type Split, stratifiedSubset, validationSplit } from '@snn/datasets';
import { evaluate, type Graph } from '@snn/graph';
import { importOnnx } from '@snn/onnx';
import { simulate } from '@snn/simulator';

/** The repository root: the first folder up from the working directory with pnpm-workspace.yaml. */
function repoRoot(): string {
  let dir = process.cwd();
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    if (dirname(dir) === dir) throw new Error('run from inside the snn-ts repository');
    dir = dirname(dir);
  }
  return dir;
}
const FIXTURES = join(repoRoot(), 'packages/onnx/test/fixtures/');
export const MODELS = [
  ['maxpool_relu', 'MaxPool after ReLU (first layer + after a spiking layer)'],
  ['maxpool_dropout', 'MaxPool after Dropout (ONNX Dropout nodes)'],
  ['maxpool_ceil', 'MaxPool 2×2 with ceil_mode on 13×13 and 7×7'],
] as const;
export const TEST_T = [8, 16, 32, 64, 100, 200];
const VAL_T = [8, 16, 32];
/** SpikingJelly's modes are run to this T (the comparison is at T = 16; they are far below the default before). */
const SJ_MAX_T = 64;
const SEED = 0;

/** The max-pool rules the validation split chooses between. */
export const CANDIDATES: Array<[string, MaxPoolRecipe]> = [
  ['gate', { rule: 'gate' }],
  ['gate-m0.9', { rule: 'gate', momentum: 0.9 }],
  ['running-max', { rule: 'running-max' }],
  ['pre-spike', { rule: 'pre-spike' }],
];

/** The rules compared unless `--rules` names others. */
const DEFAULT_RULES = ['gate', 'running-max', 'pre-spike'];

const pct = (v: number) => (100 * v).toFixed(2);
const n = (k: number) => k.toLocaleString('en-US');

/** Converts (calibrating on all of `train`; bias correction through the fast engine as the CLI does; `options` adds `validate`) and scores on `data` at each T. */
async function accuracyAt(ann: Graph, train: Split, data: Split, recipe: Recipe, Ts: number[], options: ConvertOptions = {}) {
  // every image of `train` calibrates, whatever the recipe's own cap (auto's 2,000), as `snn eval --calibrate N` does
  const { snn, report } = await convert(
    ann,
    calibrationBatches(train),
    { ...recipe, calibrationSamples: undefined },
    { outputMeans: fastOutputMeans, ...options },
  );
  const r = await simulate(snn, data, { T: Ts[Ts.length - 1], batchSize: 100 }); // (the SNN shares the ANN's tensors: not disposed)
  return { accuracy: Ts.map((t) => r.accuracy[t - 1]), choices: report.choices };
}

/** `snn eval --json`'s fields this script reads (cli EvalResult). */
/** `snn eval --json`'s `vsLongest` entry: a shorter T's readings against the longest T's, image by image. */
interface Change {
  T: number;
  gained: number;
  lost: number;
  z: number;
}

interface SavedEval {
  ann: { accuracy: number };
  snn: Array<{ mode: string; accuracy: Record<string, number>; choices?: ChoiceReport[]; vsLongest?: Record<string, Change> }>;
  subset: { n: number; seed?: number };
  calibration: { n: number; seed?: number };
}

/** Model `model`'s saved `snn eval --mode auto` run in `dir`, refused unless it scored the same test images and calibrated on as many. */
function savedAuto(dir: string, model: string, test: { n: number; seed?: number }, cal: { n: number; seed?: number }): SavedEval {
  const file = join(dir, `auto-${model}.json`);
  const r = JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1) as string) as SavedEval;
  const same = (a: { n: number; seed?: number }, b: { n: number; seed?: number }) => a.n === b.n && a.seed === b.seed;
  if (!same(r.subset, test) || !same(r.calibration, cal) || r.snn[0]?.mode !== 'auto')
    throw new Error(`${file}: not an auto run on ${test.n} test images (seed ${test.seed}) calibrated on ${cal.n} (seed ${cal.seed})`);
  return r;
}

export async function maxPoolSection(o: { test: number; val: number; calibrate: number; models?: string[]; rules?: string[]; auto?: string }) {
  await initBackend('wasm');
  const data = await loadDataset('fashion-mnist');
  const split = validationSplit(data.train, { seed: SEED });
  const val = stratifiedSubset(split.validation, o.val, SEED);
  const test = stratifiedSubset(data.test, o.test, SEED);
  const cal = stratifiedSubset(split.calibration, o.calibrate, SEED);
  const models = o.models ? o.models.map((m) => [m, MODELS.find(([k]) => k === m)?.[1] ?? m] as const) : MODELS;
  const anns = await Promise.all(models.map(([m]) => importOnnx(`${FIXTURES}${m}.onnx`)));
  // 1. the rule, by mean validation accuracy over T ∈ VAL_T and the three models
  const validation: Array<{ rule: string; perModel: number[][]; mean: number }> = [];
  for (const [rule, maxPool] of CANDIDATES.filter(([r]) => (o.rules ?? DEFAULT_RULES).includes(r))) {
    const perModel: number[][] = [];
    for (const ann of anns) perModel.push((await accuracyAt(ann, cal.split, val.split, { ...autoRecipe(), maxPool }, VAL_T)).accuracy);
    const all = perModel.flat();
    validation.push({ rule, perModel, mean: all.reduce((a, b) => a + b, 0) / all.length });
    console.error(`validation ${rule}: ${perModel.map((r) => r.map(pct).join(' ')).join(' | ')}`);
  }
  const best = validation.reduce((a, b) => (b.mean > a.mean ? b : a));
  const chosen = CANDIDATES.find(([r]) => r === best.rule)?.[1] as MaxPoolRecipe;
  const isDefault = JSON.stringify(chosen) === JSON.stringify(DEFAULT_MAX_POOL);
  const saved = o.auto ? models.map(([m]) => savedAuto(o.auto as string, m, test.info, cal.info)) : undefined;
  // the T's of the table: the saved runs' (the auto section's), else TEST_T
  const Ts = saved
    ? Object.keys(saved[0].snn[0].accuracy)
        .map(Number)
        .sort((a, b) => a - b)
    : TEST_T;
  const sjTs = Ts.filter((t) => t <= SJ_MAX_T);
  const defaultName = CANDIDATES.find(([, p]) => JSON.stringify(p) === JSON.stringify(DEFAULT_MAX_POOL))?.[0] ?? 'default';
  const autoLabel = saved ? `auto (default: ${defaultName})` : `auto, ${best.rule}`;
  // 2. the test subset: ANN, SpikingJelly's modes (our reproduction), the default recipe
  // the default recipe as \`snn eval --mode auto\` runs it: its automatic choices scored on the validation images
  const convertOptions: ConvertOptions = { validate: validator(val.split, 100) };
  const rows: Array<{ model: string; ann: number; modes: Record<string, number[]>; choices?: ChoiceReport[]; vsLongest?: Record<string, Change> }> = [];
  for (const [k, [model]] of models.entries()) {
    const ann = anns[k];
    const modes: Record<string, number[]> = {};
    const auto = saved
      ? { accuracy: Ts.map((t) => saved[k].snn[0].accuracy[t]), choices: saved[k].snn[0].choices }
      : await accuracyAt(ann, cal.split, test.split, { ...autoRecipe(), maxPool: chosen }, TEST_T, convertOptions); // first: the costliest
    modes['SpikingJelly max'] = (await accuracyAt(ann, cal.split, test.split, spikingJellyRecipe({ kind: 'max' }), sjTs)).accuracy;
    modes['SpikingJelly 99.9%'] = (await accuracyAt(ann, cal.split, test.split, spikingJellyRecipe({ kind: 'percentile', p: 99.9 }), sjTs)).accuracy;
    modes[autoLabel] = auto.accuracy;
    const annAccuracy = (await evaluate(ann, test.split)).accuracy;
    if (saved && saved[k].ann.accuracy !== annAccuracy)
      throw new Error(`auto-${model}.json: ANN ${saved[k].ann.accuracy} on its test images, ${annAccuracy} here: not the same images or model`);
    rows.push({ model, ann: annAccuracy, modes, choices: auto.choices, vsLongest: saved?.[k].snn[0].vsLongest });
    console.error(
      `test ${model}: ANN ${pct(rows[k].ann)}; ${Object.entries(modes)
        .map(([m, a]) => `${m} ${a.map(pct).join(' ')}`)
        .join('; ')}`,
    );
  }
  return {
    models: models.map(([m]) => m),
    Ts,
    autoLabel,
    validation,
    best: best.rule,
    isDefault,
    rows,
    info: { test: test.info, val: val.info, split: split.info, calibration: cal.info },
  };
}

export function markdown(r: Awaited<ReturnType<typeof maxPoolSection>>): string {
  const Ts = r.Ts ?? TEST_T; // (a --render of a run saved before the table's T's were recorded)
  const isDefault = JSON.stringify(CANDIDATES.find(([k]) => k === r.best)?.[1]) === JSON.stringify(DEFAULT_MAX_POOL);
  const lines = [
    `Fixtures: \`tools/fixtures/export_fixtures.py maxpool_relu maxpool_dropout maxpool_ceil\`. Calibration: ${n(r.info.calibration.n)} images (class-stratified, seed ${r.info.calibration.seed}) of the ${n(r.info.split.of - r.info.split.n)} training images left after holding out a stratified ${100 * r.info.split.fraction}% validation split (seed ${r.info.split.seed}), walked in SpikingJelly's order. Constant input, outputs summed over t.`,
    '',
    `Max-pool rule chosen on ${n(r.info.val.n)} validation images (stratified, seed ${r.info.val.seed}), mean accuracy (%) over T = ${VAL_T.join(', ')}; \`auto\` recipe otherwise:`,
    '',
    `| rule | ${r.models.join(' | ')} | mean |`,
    `|---|${r.models.map(() => '---').join('|')}|---|`,
    ...r.validation.map(
      (v) => `| ${v.rule === r.best ? `**${v.rule}**` : v.rule} | ${v.perModel.map((a) => a.map(pct).join(' / ')).join(' | ')} | ${pct(v.mean)} |`,
    ),
    '',
    `The validation split picks **${r.best}**; ${isDefault ? 'it is' : 'it is NOT (update recipe.ts)'} \`DEFAULT_MAX_POOL\`, the rule of \`auto\` and of every recipe that names none.`,
    '',
    `Test accuracy (%) on ${n(r.info.test.n)} of the ${n(r.info.test.of)} test images (class-stratified, seed ${r.info.test.seed}). SpikingJelly is not installed here: its rows are our reproduction of its modes (SpikingJelly statistics, IF output layer, MaxPool moved ahead of the ReLU as its \`pre_spike_maxpool\` does; a pool it cannot move, after a Dropout, is gated), which match SpikingJelly 0.0.0.0.14 to ±0.1 point on the tutorial CNN (its section above); they are simulated to T = ${SJ_MAX_T}.${
      r.autoLabel?.startsWith('auto (')
        ? ` The default recipe's rows are \`snn eval --mode auto\` on the same images (the auto section's runs, read back from their saved JSON).`
        : ''
    }`,
    '',
    `| model | ANN | mode | ${Ts.map((t) => `T=${t}`).join(' | ')} |`,
    `|---|---|---|${Ts.map(() => '---').join('|')}|`,
  ];
  for (const row of r.rows) {
    Object.entries(row.modes).forEach(([mode, acc], i) => {
      const cells = Ts.map((_, k) => (k < acc.length ? pct(acc[k]) : '—'));
      lines.push(`| ${i === 0 ? row.model : ''} | ${i === 0 ? pct(row.ann) : ''} | ${mode} | ${cells.join(' | ')} |`);
    });
  }
  const picked = r.rows.filter((row) => row.choices?.length).map((row) => `${row.model}: ${row.choices!.map((c) => `${c.name} ${c.picked}`).join(', ')}`);
  if (picked.length)
    lines.push(
      '',
      `\`auto\`'s automatic choices, made on the ${n(r.info.val.n)} validation images as \`snn eval --mode auto\` makes them: ${picked.join('; ')}.`,
    );
  lines.push('', ...doneWhen(r));
  return lines.join('\n');
}

const signed = (v: number) => (v > 0 ? `+${v}` : v < 0 ? `−${-v}` : '±0');
const zOf = (z: number) => (z < 0 ? `−${(-z).toFixed(2)}` : z.toFixed(2));
const paired = (c: Change) => `${c.gained} gained, ${c.lost} lost; z ${zOf(c.z)}`;

/**
 * The three max-pool checks of issue 12 per model, read off the test rows: the default at T=16 against
 * SpikingJelly's best mode at T=16, the default at T=32 against ANN − 1 point, and T=32 → T=200 (no loss);
 * with the runs' `vsLongest`, the T=32 → T=200 change image by image and the surest fall to T=200.
 */
export function doneWhen(r: Awaited<ReturnType<typeof maxPoolSection>>): string[] {
  const at = (acc: number[], t: number) => acc[(r.Ts ?? TEST_T).indexOf(t)];
  const mark = (ok: boolean) => (ok ? 'holds' : '**does not hold**');
  const se = (a: number) => 100 * Math.sqrt((a * (1 - a)) / r.info.test.n);
  const withPairs = r.rows.some((row) => row.vsLongest);
  const rows = r.rows.map((row) => {
    const entries = Object.entries(row.modes);
    const auto = entries.find(([m]) => m.startsWith('auto'))![1];
    const [sjName, sj] = entries.filter(([m]) => !m.startsWith('auto')).reduce((a, b) => (at(b[1], 16) > at(a[1], 16) ? b : a));
    const [d16, d32, d200] = [at(auto, 16), at(auto, 32), at(auto, 200)];
    const from32 = row.vsLongest?.['32'];
    // the shorter reading T=200 falls from most surely (lowest z), where it falls
    const worst = Object.entries(row.vsLongest ?? {}).reduce<[string, Change] | undefined>((w, e) => (e[1].z < (w?.[1].z ?? 0) ? e : w), undefined);
    return [
      row.model,
      `${pct(d16)} vs ${pct(at(sj, 16))} (${sjName.replace('SpikingJelly ', '')}): ${mark(d16 > at(sj, 16))}`,
      `${pct(d32)} vs ${pct(row.ann - 0.01)}: ${mark(d32 >= row.ann - 0.01)}`,
      `${pct(d32)} → ${pct(d200)}: ${mark(d200 >= d32)}${from32 ? ` (${signed(from32.gained - from32.lost)} images: ${paired(from32)})` : ''}`,
      ...(withPairs ? [worst ? `T=${worst[0]} → T=200: ${paired(worst[1])}` : 'none'] : []),
      `±${se(d32).toFixed(2)}`,
    ];
  });
  return [
    `Issue 12's max-pool checks on these ${n(r.info.test.n)} test images (the default recipe, \`${r.autoLabel ?? `auto, ${r.best}`}\`):`,
    '',
    `| model | T=16: default vs best SpikingJelly mode | T=32: default vs ANN − 1 | T=32 → T=200 |${withPairs ? ' surest fall to T=200 |' : ''} one standard error at T=32 |`,
    `|---|---|---|---|${withPairs ? '---|' : ''}---|`,
    ...rows.map((c) => `| ${c.join(' | ')} |`),
    ...(withPairs
      ? [
          '',
          "T=32 → T=200 compares the two readings image by image (`snn eval --json`'s `vsLongest`): the images right at T=200 and not at T=32 (gained), the reverse (lost), and McNemar's z = (gained − lost)/√(gained + lost); |z| < 2 is a change within the noise of these images. The surest fall is the listed T whose reading T=200 falls from with the lowest z (none: T=200 falls from no shorter reading); z ≤ −2 is a fall beyond that noise.",
        ]
      : []),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const options = {
    test: { type: 'string' },
    val: { type: 'string' },
    calibrate: { type: 'string' },
    models: { type: 'string' },
    rules: { type: 'string' },
    json: { type: 'string' },
    render: { type: 'string' },
    auto: { type: 'string' },
  } as const;
  const { values } = parseArgs({ options });
  // --render FILE: print the section from a saved --json run (no measurement)
  if (values.render) {
    console.log(markdown(JSON.parse(readFileSync(values.render, 'utf8'))));
    process.exit(0);
  }
  const r = await maxPoolSection({
    test: Number(values.test ?? 1000),
    val: Number(values.val ?? 500),
    calibrate: Number(values.calibrate ?? 10000),
    models: values.models?.split(','),
    rules: values.rules?.split(','),
    auto: values.auto,
  });
  if (values.json) writeFileSync(values.json, JSON.stringify(r, null, 1));
  console.log(markdown(r));
}
