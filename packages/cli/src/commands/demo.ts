import { join, resolve } from 'node:path';
import { VALIDATION_FRACTION } from '@snn/datasets';
import { GRAPH_FILES, type Graph, readGraph, writeGraph } from '@snn/graph';
import { existsSync } from 'node:fs';
import { startModes } from '../demo/modes.js';
import { accuracyTable, demoSteps, prepareModelReport } from '../demo/model-report.js';
import { checkDemoOut } from '../demo/out-dir.js';
import { trainTutorialCnn } from '../demo/train.js';
import { annAccuracyAside, limitSplit, loadData, modeOption, positiveInt, warmAnnThread, warmSimulation } from '../pipeline.js';
import { phase } from '../profile.js';
import { progressBar } from '../progress.js';
import type { Command } from '../registry.js';
import { holdOutValidation, trainingUse } from '../training.js';

/**
 * The demo's training: 4 epochs of Adam with a one-cycle learning rate peaking at 3e-3 (see
 * `learningRate`), batch 100, each step's gradient data-parallel on 2 threads (`makeStepper`). It
 * reaches the validation accuracy of the tutorial's 10 epochs at a constant 1e-3 in 4/10 of the
 * steps, measured on the 800-image validation part, never on test (`node packages/cli/bench/demo-schedule.mjs`,
 * loaded machine): 10 × 1e-3 constant 98.13 %; 4 × 3e-3 one-cycle 98.38 %. Three epochs stay below
 * it: 3 × 2e-3, 3e-3, 4e-3, 5e-3 one-cycle 97.50, 98.00, 98.13, 97.88 %; 2 × 5e-3 97.38 %.
 */
export const DEMO_TRAINING = { epochs: 4, lr: 3e-3, schedule: 'one-cycle', threads: 2 } as const;

/** The tutorial's six modes, then ours. */
export const DEMO_MODES = ['max', '99.9%', '1/2', '1/3', '1/4', '1/5', 'auto'];

/**
 * `snn demo`: the tutorial end to end on the embedded MNIST — train (or reuse) the tutorial CNN,
 * score it once (on the ANN worker thread), convert it with the tutorial's six modes and `auto` (calibrating on the training
 * split less its 10 % validation part, `auto`'s choices made on that part), simulate up to T
 * (each mode's simulation on the worker threads while the next mode converts), print the accuracy
 * table, and write a report folder (index.html + every figure as SVG and PNG; all but the accuracy
 * figure drawn while the simulations run). `--out` is checked before any work.
 */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'the tutorial end to end on the embedded MNIST: train, convert (6 modes + auto), simulate, write a report',
  usage: 'demo [--out DIR] [--epochs N] [--T N] [--limit N] [--calibrate N] [--retrain] [--force]\n  e.g. snn demo --out snn-report',
  options: {
    out: { type: 'string' },
    epochs: { type: 'string' },
    T: { type: 'string' },
    limit: { type: 'string' },
    calibrate: { type: 'string' },
    retrain: { type: 'boolean' },
    force: { type: 'boolean' },
  },
  positionals: { min: 0, max: 0, names: 'no arguments' },
  async run({ options, io, backend }) {
    const t0 = performance.now();
    const out = resolve((options.out as string | undefined) ?? 'snn-report');
    const epochs = positiveInt('epochs', options.epochs as string | undefined, DEMO_TRAINING.epochs) as number;
    const T = positiveInt('T', options.T as string | undefined, 200) as number;
    const limit = positiveInt('limit', options.limit as string | undefined);
    const calibrate = positiveInt('calibrate', options.calibrate as string | undefined);
    checkDemoOut(out, Boolean(options.force));
    const say = (s: string) => io.stderr(`${s}\n`);
    const data = await loadData('mnist');
    const use = trainingUse(data.train, { validation: VALIDATION_FRACTION, calibrate }); // a too large --calibrate fails here, before any work
    say(`backend: ${await backend()}`);
    const test = limitSplit(data.test, limit);
    warmAnnThread(); // its start-up (≈ 0.2–0.3 CPU-s) runs during training, not at the start of calibration, which it helps with
    warmSimulation(test.n, T, {}); // the ANN thread, lent to the simulation, counts as one of these

    // The validation part auto chooses on is held out of training too (the same rule as trainingUse's).
    const held = holdOutValidation(data.train, VALIDATION_FRACTION);
    const parts = { calibration: held.rest, validation: held.validation as NonNullable<typeof held.validation> };
    const modelDir = join(out, 'model');
    let ann: Graph;
    if (!options.retrain && existsSync(join(modelDir, GRAPH_FILES.json))) {
      ann = await readGraph(modelDir);
      say(`reusing the model trained before: ${modelDir} (--retrain to train again)`);
    } else {
      say(
        `training the tutorial CNN on ${parts.calibration.n} embedded MNIST training images (the ${parts.validation.n} validation images held out): ${epochs} epochs, Adam ${DEMO_TRAINING.lr} ${DEMO_TRAINING.schedule}, batch 100`,
      );
      const bar = progressBar('train');
      const r = await phase('train', () =>
        trainTutorialCnn(
          { train: parts.calibration, test: parts.validation },
          {
            ...DEMO_TRAINING,
            epochs,
            onBatch: (p) => bar.update((p.epoch - 1) * p.batches + p.batch, epochs * p.batches, `epoch ${p.epoch}/${epochs} loss ${p.loss.toFixed(3)}`),
            onEpoch: (p) => {
              bar.done();
              say(`  epoch ${p.epoch}: loss ${p.loss.toFixed(4)}, validation accuracy ${(100 * p.testAccuracy).toFixed(2)}%, ${p.seconds.toFixed(1)} s`);
            },
          },
        ),
      );
      ann = r.graph;
      await writeGraph(ann, modelDir);
      say(`saved ${modelDir}`);
    }
    const rest = use.info.calibration.of;
    say(
      `calibrating on ${use.calibration.n === rest ? 'all' : `${use.calibration.n} of`} the ${rest} training images less the ${use.validation?.n}-image validation part (${100 * VALIDATION_FRACTION}%, on which auto chooses)`,
    );
    // Every mode converted first (auto, whose bias correction simulates, last), each simulation
    // queued on the workers as soon as its mode is converted; the ANN score and the report's SNN
    // figures are made on this thread while the simulations run.
    const started = await startModes(
      ann,
      DEMO_MODES.map((mode) => ({ mode, recipe: modeOption(mode) })),
      use,
      test,
      T,
      (r) => say(`  ${r.mode.padEnd(6)} T=${T}: ${(100 * r.accuracy[T - 1]).toFixed(2)}%  (${r.seconds.toFixed(1)} s)`),
    );
    // on the ANN worker thread (the same evaluate, so the same count): this thread only awaits it, so the
    // simulation workers' replies are handled meanwhile (the pass here would hold this thread ~1 s in one go)
    const annAcc = await annAccuracyAside(ann, test, 200)();
    say(`ANN test accuracy ${(100 * annAcc).toFixed(2)}% on ${test.n} images`);
    say('probing the auto SNN on 16 test images for the figures');
    const report = await prepareModelReport(out, {
      title: 'snn-ts demo: the ann2snn tutorial on the embedded MNIST',
      intro: `The tutorial CNN trained on ${parts.calibration.n} MNIST training images, the ${parts.validation.n}-image validation part held out (ANN test accuracy ${(100 * annAcc).toFixed(2)}% on ${test.n} test images), converted to a spiking network with SpikingJelly's six modes and snn-ts' auto recipe (calibrated on ${use.calibration.n} training images, the training split less its ${100 * VALIDATION_FRACTION}% validation part), simulated for ${T} steps with the image as constant input.`,
      ann,
      snn: started.snns.get('auto') as Graph,
      snnLabel: 'auto',
      test: data.test,
      T,
      facts: { calibration: use.info.calibration, validation: use.info.validation },
    });
    const runs = await started.runs;
    const curves = DEMO_MODES.map((m) => runs.find((r) => r.mode === m) as (typeof runs)[number]);

    const { head, rows } = accuracyTable(curves, demoSteps(T));
    io.stdout(`\nSNN test accuracy (%) on ${test.n} images; ANN ${(100 * annAcc).toFixed(2)}%\n`);
    io.stdout(`${head.map((h, i) => (i ? h.padStart(7) : h.padEnd(6))).join(' ')}\n`);
    for (const r of rows) io.stdout(`${r.map((c, i) => (i ? c.padStart(7) : c.padEnd(6))).join(' ')}\n`);
    const written = await report.finish({ curves, steps: demoSteps(T), annAccuracy: annAcc });
    io.stdout(`\nreport: ${join(out, 'index.html')} (${written.length} files) in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  },
};
