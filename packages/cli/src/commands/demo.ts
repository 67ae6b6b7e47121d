import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { convert } from '@snn/converter';
import { loadEmbeddedMnist } from '@snn/datasets';
import { GRAPH_FILES, type Graph, readGraph, writeGraph } from '@snn/graph';
import { simulate } from '@snn/simulator';
import { accuracyTable, demoSteps, writeModelReport } from '../demo/model-report.js';
import { trainTutorialCnn } from '../demo/train.js';
import { annAccuracy, calibrationBatches, limitSplit, modeOption, positiveInt } from '../pipeline.js';
import { progressBar } from '../progress.js';
import type { Command } from '../registry.js';

/** The tutorial's six modes, then ours. */
export const DEMO_MODES = ['max', '99.9%', '1/2', '1/3', '1/4', '1/5', 'auto'];

/**
 * `snn demo`: the tutorial end to end on the embedded MNIST — train (or reuse) the tutorial CNN,
 * convert it with the tutorial's six modes and `auto`, simulate up to T, print the accuracy table,
 * and write a report folder (index.html + every figure as SVG and PNG).
 */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'the tutorial end to end on the embedded MNIST: train, convert (6 modes + auto), simulate, write a report',
  usage: 'demo [--out DIR] [--epochs N] [--T N] [--limit N] [--retrain]\n  e.g. snn demo --out snn-report',
  options: {
    out: { type: 'string' },
    epochs: { type: 'string' },
    T: { type: 'string' },
    limit: { type: 'string' },
    retrain: { type: 'boolean' },
  },
  positionals: { min: 0, max: 0, names: 'no arguments' },
  async run({ options, io, backend }) {
    const t0 = performance.now();
    const out = resolve((options.out as string | undefined) ?? 'snn-report');
    const epochs = positiveInt('epochs', options.epochs as string | undefined, 10) as number;
    const T = positiveInt('T', options.T as string | undefined, 200) as number;
    const limit = positiveInt('limit', options.limit as string | undefined);
    const say = (s: string) => io.stderr(`${s}\n`);
    say(`backend: ${await backend()}`);
    const data = await loadEmbeddedMnist();
    const test = limitSplit(data.test, limit);

    const modelDir = join(out, 'model');
    let ann: Graph;
    if (!options.retrain && existsSync(join(modelDir, GRAPH_FILES.json))) {
      ann = await readGraph(modelDir);
      say(`reusing the model trained before: ${modelDir} (--retrain to train again)`);
    } else {
      say(`training the tutorial CNN on the embedded MNIST (${data.train.n} images): ${epochs} epochs, Adam 1e-3, batch 100`);
      const bar = progressBar('train');
      const r = await trainTutorialCnn(data, {
        epochs,
        onBatch: (p) => bar.update((p.epoch - 1) * p.batches + p.batch, epochs * p.batches, `epoch ${p.epoch}/${epochs} loss ${p.loss.toFixed(3)}`),
        onEpoch: (p) => {
          bar.done();
          say(`  epoch ${p.epoch}: loss ${p.loss.toFixed(4)}, test accuracy ${(100 * p.testAccuracy).toFixed(2)}%, ${p.seconds.toFixed(1)} s`);
        },
      });
      ann = r.graph;
      await writeGraph(ann, modelDir);
      say(`saved ${modelDir}`);
    }
    const annAcc = await annAccuracy(ann, test, 200);
    say(`ANN test accuracy ${(100 * annAcc).toFixed(2)}% on ${test.n} images`);

    const curves: Array<{ mode: string; accuracy: number[]; seconds: number }> = [];
    let autoSnn: Graph | undefined;
    for (const mode of DEMO_MODES) {
      const ts = performance.now();
      const calib = progressBar(`convert ${mode}`);
      const { snn } = await convert(ann, calibrationBatches(data.train), modeOption(mode), {
        onProgress: (p) => calib.update(p.samples, data.train.n, p.stage),
      });
      calib.done();
      const bar = progressBar(`simulate ${mode}`);
      const sim = await simulate(snn, test, { T, batchSize: 100, onProgress: (p) => bar.update(p.samples, test.n) });
      bar.done();
      curves.push({ mode, accuracy: sim.accuracy, seconds: (performance.now() - ts) / 1000 });
      say(`  ${mode.padEnd(6)} T=${T}: ${(100 * sim.accuracy[T - 1]).toFixed(2)}%  (${((performance.now() - ts) / 1000).toFixed(1)} s)`);
      if (mode === 'auto') autoSnn = snn;
    }

    const { head, rows } = accuracyTable(curves, demoSteps(T));
    io.stdout(`\nSNN test accuracy (%) on ${test.n} images; ANN ${(100 * annAcc).toFixed(2)}%\n`);
    io.stdout(`${head.map((h, i) => (i ? h.padStart(7) : h.padEnd(6))).join(' ')}\n`);
    for (const r of rows) io.stdout(`${r.map((c, i) => (i ? c.padStart(7) : c.padEnd(6))).join(' ')}\n`);

    say('probing the auto SNN on 16 test images for the figures');
    const written = await writeModelReport(out, {
      title: 'snn-ts demo: the ann2snn tutorial on the embedded MNIST',
      intro: `The tutorial CNN trained on ${data.train.n} MNIST images (ANN test accuracy ${(100 * annAcc).toFixed(2)}% on ${test.n} test images), converted to a spiking network with SpikingJelly's six modes and snn-ts' auto recipe, simulated for ${T} steps with the image as constant input.`,
      ann,
      snn: autoSnn as Graph,
      snnLabel: 'auto',
      test: data.test,
      T,
      curves,
      steps: demoSteps(T),
      annAccuracy: annAcc,
    });
    io.stdout(`\nreport: ${join(out, 'index.html')} (${written.length} files) in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  },
};
