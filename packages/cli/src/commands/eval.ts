import { type ChoiceReport, recipeSimulates } from '@snn/converter';
import type { SubsetInfo, ValidationInfo } from '@snn/datasets';
import type { Graph } from '@snn/graph';
import { annMacs } from '@snn/simulator';
import { writeModelReport } from '../demo/model-report.js';
import { UserError } from '../errors.js';
import { evaluatorOf, withEvaluator } from './queue-option.js';
import { accuracyAt, accuracyCurve, changeZ } from '../evaluate/outcome.js';
import { parseEngine } from '../options.js';
import { checkOutputPath } from '../output-path.js';
import { phase } from '../profile.js';
import {
  annAccuracyAside,
  checkDataFits,
  isSpiking,
  loadData,
  loadModel,
  modeOption,
  parseTimeSteps,
  positiveInt,
  testSubset,
  warmAnnThread,
  warmSimulation,
} from '../pipeline.js';
import type { Command } from '../registry.js';
import type { DataFlags } from '@snn/datasets';
import { CONVERSION_OPTIONS, CONVERSION_USAGE, convertWith, trainingOptions, trainingUse, withTrainingFlags } from './conversion.js';

/** One mode's row of `snn eval --json`. */
export interface EvalModeResult {
  mode: string;
  accuracy: Record<string, number>;
  /** The recipe's automatic choices, made on the validation split (absent when it has none). */
  choices?: ChoiceReport[];
  /** The SNN's readout delay k (outputs summed from step k + 1; absent when 0). */
  readoutDelay?: number;
  /**
   * Per listed T but the longest, keyed like `accuracy`: how its readings compare with the longest T's on the
   * same images — images gained and lost, and McNemar's z (|z| < 2: the change is within the noise); absent for one T.
   */
  vsLongest?: Record<string, { T: number; gained: number; lost: number; z: number }>;
}

/** `snn eval --json` output (other tools read it: keep the shape). */
export interface EvalResult {
  /** null when the model given is an already converted SNN (there is no ANN to run). */
  ann: { accuracy: number } | null;
  snn: EvalModeResult[];
  /** Which test images were scored: all of them, or `--limit N`'s class-stratified seeded subset. */
  subset: SubsetInfo;
  /** The training images calibration saw, and the held-out validation part (null: `--validation off`, or a saved SNN). */
  calibration: SubsetInfo | null;
  validation: ValidationInfo | null;
  timing: { seconds: number; ann: number; modes: Array<{ mode: string; convert: number; simulate: number }> };
}

const pct = (a: number) => (100 * a).toFixed(2);
const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * `snn eval <model.onnx> --data mnist --mode max --mode 99.9% --T 8,16,32`: the ANN's test accuracy,
 * then for each mode: convert (calibrating on the training split less its validation part, automatic
 * choices scored on that part), simulate the test split once to the largest T, and report the
 * accuracy at each requested T.
 */
export const evalCommand: Command = withEvaluator({
  name: 'eval',
  summary: 'convert an ANN with each --mode and report ANN and SNN test accuracy at each T',
  usage: `eval <model.onnx> ${CONVERSION_USAGE} [--mode M]... [--T 8,16,32] [--limit N] [--batch-size B] [--engine fast|reference] [--json] [--report DIR] [--force]\n  e.g. snn eval model.onnx --data mnist --mode max --mode 99.9% --mode auto --T 8,16,32,64`,
  options: {
    ...CONVERSION_OPTIONS,
    mode: { type: 'string', multiple: true },
    T: { type: 'string' },
    limit: { type: 'string' },
    'batch-size': { type: 'string' },
    engine: { type: 'string' },
    json: { type: 'boolean' },
    report: { type: 'string' },
  },
  positionals: { min: 1, max: 1, names: '<model.onnx> or a saved model folder' },
  async run({ args, options, io, backend }) {
    const t0 = performance.now();
    const given = options.mode as unknown as string[] | undefined;
    const modes = given ?? ['auto'];
    const Ts = parseTimeSteps(options.T as string | undefined, [8, 16, 32]);
    const recipes = modes.map((m) => modeOption(m, Ts)); // auto is tuned for these T
    const limit = positiveInt('limit', options.limit as string | undefined);
    const batchSize = positiveInt('batch-size', options['batch-size'] as string | undefined, 200) as number;
    const path = parseEngine(options.engine as string | undefined);
    const training = trainingOptions(options);
    if (options.report) checkOutputPath('--report', options.report as string, 'dir', Boolean(options.force));
    await backend();
    const model = await loadModel(args[0]);
    // the simulation's workers start while the data load (--limit, else the whole test split: n·T and the model's MACs decide)
    // a conversion that simulates (auto's search, bias correction) wants every core's worker first; a saved SNN is not converted
    const simulates = !isSpiking(model) && recipes.some((r) => recipeSimulates(withTrainingFlags(r, training)));
    if (!isSpiking(model)) warmAnnThread(); // its start-up overlaps loading the data; lent to the simulation, it is one of the threads warmed next
    warmSimulation(limit ?? Number.POSITIVE_INFINITY, Ts[Ts.length - 1], options, annMacs(model), simulates);
    const data = await loadData(options as DataFlags, io);
    checkDataFits(model, data.test, args[0]);
    const spiking = isSpiking(model);
    if (spiking && options.report) throw new UserError(`--report compares the SNN with its ANN: pass the ANN (${args[0]} is already an SNN)`);
    if (spiking && given) throw new UserError(`${args[0]} is already an SNN: --mode does not apply (evaluate it as saved, or pass the ANN)`);
    const use = spiking ? null : trainingUse(data.train, training);
    const test = testSubset(data.test, limit);
    const tAnn = performance.now();
    // the ANN's test pass runs on a worker thread while the first mode calibrates here
    const annPass = spiking ? null : annAccuracyAside(model, test.split, batchSize);
    const result: EvalResult = {
      ann: null,
      snn: [],
      subset: test.info,
      calibration: use?.info.calibration ?? null,
      validation: use?.info.validation ?? null,
      timing: { seconds: 0, ann: 0, modes: [] },
    };
    const curves: Array<{ mode: string; accuracy: number[] }> = [];
    let last: Graph | undefined;
    let annAcc: number | null = null;
    const n = test.info.n;
    const images = test.info.rule === 'all' ? `all ${n} test images` : `${n} of ${test.info.of} test images (class-stratified, seed ${test.info.seed})`;
    const annLine = async () => {
      annAcc = annPass && (await annPass());
      result.ann = annAcc === null ? null : { accuracy: annAcc };
      result.timing.ann = (performance.now() - tAnn) / 1000;
      if (!options.json) io.stdout(annAcc === null ? `an SNN as saved; ${images}\n` : `ANN accuracy ${pct(annAcc)}% on ${images}\n`);
    };
    for (const [i, recipe] of (spiking ? [undefined] : recipes).entries()) {
      const tc = performance.now();
      const converted = recipe && use ? await convertWith(model, recipe, use, training, batchSize) : undefined;
      if (i === 0) await annLine();
      const snn = converted?.snn ?? model;
      const ts = performance.now();
      if (spiking) modes[0] = 'saved';
      last = snn;
      const target = { source: options.data as string, split: 'test' as const, data: data.test, indices: test.indices };
      const sim = await phase('simulate', () =>
        evaluatorOf(options).evaluate(snn, target, { T: Ts[Ts.length - 1], at: Ts, batchSize, path, callingThread: true }),
      );
      const accuracy = accuracyAt(sim, Ts);
      const choices = converted?.report.choices;
      const delay = snn.readout.delay;
      const vsLongest =
        sim.changes && Object.fromEntries(sim.changes.map((c) => [String(c.from), { T: c.to, gained: c.gained, lost: c.lost, z: round2(changeZ(c)) }]));
      result.snn.push({
        mode: modes[i],
        accuracy,
        ...(choices ? { choices } : {}),
        ...(delay ? { readoutDelay: delay } : {}),
        ...(vsLongest ? { vsLongest } : {}),
      });
      curves.push({ mode: modes[i], accuracy: accuracyCurve(sim) });
      result.timing.modes.push({ mode: modes[i], convert: (ts - tc) / 1000, simulate: (performance.now() - ts) / 1000 });
      if (!options.json)
        io.stdout(
          `${modes[i].padEnd(10)} ${Ts.map((t) => `T=${t} ${pct(accuracy[String(t)])}%`).join('  ')}${choiceNote(choices)}${delay ? `  (readout from step ${delay + 1})` : ''}\n`,
        );
    }
    if (options.report && last && annAcc !== null) {
      const files = await writeModelReport(options.report as string, {
        title: `snn eval: ${args[0]}`,
        intro: `ANN test accuracy ${pct(annAcc)}% on ${n} test images; modes ${modes.join(', ')} simulated for ${Ts[Ts.length - 1]} steps. Spike figures show the last mode (${modes[modes.length - 1]}).`,
        ann: model,
        snn: last,
        snnLabel: modes[modes.length - 1],
        test: data.test,
        T: Ts[Ts.length - 1],
        curves,
        steps: Ts,
        annAccuracy: annAcc,
      });
      if (!options.json) io.stdout(`report: ${files.at(-1)}\n`);
    }
    result.timing.seconds = (performance.now() - t0) / 1000;
    if (options.json) io.stdout(`${JSON.stringify(result)}\n`);
  },
});

/** `  (bias-correction: on, picked by validation accuracy)` after a mode's line. */
const choiceNote = (choices: ChoiceReport[] | undefined): string =>
  choices?.length
    ? `  (${choices.map((c) => `${c.name}: ${c.picked}, ${c.by === 'validation' ? 'picked by validation accuracy' : 'the default'}`).join('; ')})`
    : '';
