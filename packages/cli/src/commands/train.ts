import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ActivationSpec, type Graph, parseActivation, reestimateBatchNorm, writeGraph } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { trainTutorialCnn } from '../demo/train.js';
import { UserError } from '../errors.js';
import { holdOutValidation } from '../training.js';
import { parseValidation } from '../options.js';
import { loadData, positiveInt } from '../pipeline.js';
import type { Command } from '../registry.js';

/** Parses `--activation`, naming the flag on error. */
export function activationOption(text: string | undefined): ActivationSpec {
  try {
    return parseActivation(text ?? 'relu');
  } catch (e) {
    throw new UserError(`--activation ${(e as Error).message}`);
  }
}

/**
 * The levels `--activation qcfs:L` draws from when `--train-levels` is not given: L, L/2, L/4, …
 * while whole and ≥ 2 (8 → {2, 4, 8}), the grids binary spikes can express at T = L/4, L/2, L, so
 * that the converted SNN holds at those T (chosen on the validation split; see docs/RESULTS.md, qcfs).
 */
export function defaultTrainLevels(levels: number): number[] {
  const out: number[] = [];
  for (let l = levels; Number.isInteger(l) && l >= 2; l /= 2) out.unshift(l);
  return out;
}

/**
 * Parses `--train-levels 2,4,8` (QCFS only): the L each training pass draws from; without it a QCFS
 * activation draws from {@link defaultTrainLevels}. A list of L alone trains at L only (plain QCFS).
 */
export function trainLevelsOption(text: string | undefined, activation: ActivationSpec): ActivationSpec {
  if (text === undefined) {
    if (activation.kind !== 'qcfs') return activation;
    const levels = defaultTrainLevels(activation.levels);
    return levels.length > 1 ? { ...activation, trainLevels: levels } : activation;
  }
  if (activation.kind !== 'qcfs') throw new UserError('--train-levels needs --activation qcfs:L');
  const levels = text.split(',').map((s) => Number(s.trim()));
  if (!levels.every((l) => Number.isInteger(l) && l >= 1 && l <= 1024))
    throw new UserError(`--train-levels ${text}: expected a comma-separated list of integers in [1, 1024], e.g. 2,4,8`);
  return levels.every((l) => l === activation.levels) ? activation : { ...activation, trainLevels: levels };
}

/**
 * The L at which BatchNorm is re-estimated after training with drawn levels: the middle of the sorted
 * list (the upper middle for an even count), 4 for {2, 4, 8}. Chosen on the validation split among
 * 2, 4 and 8 for the tutorial CNN (re-estimated at 4, its SNN at T = 2, 4, 8 and its L = 8 ANN all scored highest).
 */
export function bnLevels(trainLevels: readonly number[]): number {
  const sorted = [...trainLevels].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The trained graph as saved: QCFS nodes keep `levels` only (`trainLevels` is a training-time setting). */
function withoutTrainLevels(g: Graph): Graph {
  const q = g.nodes.filter((n) => n.op === 'QCFS' && n.attrs.trainLevels !== undefined);
  return q.length ? g.with({ update: Object.fromEntries(q.map((n) => [n.name, { attrs: { levels: n.attrs.levels } }])) }) : g;
}

/**
 * `snn train --data mnist --activation qcfs:8 --output model.snn`: trains the tutorial CNN (Adam
 * 1e-3, batch 100, seeded) with ReLU or QCFS hidden activations and saves it as a model folder that
 * `snn eval` / `snn convert` read. A QCFS model converts without calibration (`--mode qcfs`).
 * A QCFS activation draws L per pass from `--train-levels` (default {@link defaultTrainLevels}:
 * 2, 4, 8 for L = 8; `--train-levels 8` trains at L = 8 only); BatchNorm's running statistics (averaged over the drawn grids) are then
 * re-estimated in one pass over the training images with every QCFS at the middle drawn L ({@link bnLevels}: 4 of
 * {2, 4, 8}, the SNN's grid at T = 4; `reestimateBatchNorm`), the saved QCFS keeping `L`;
 * the folder's `training.json` states it (`bnReestimate`), with the rest of the run's settings.
 * It fits (and re-estimates) on the training split less the validation part (`holdOutValidation`,
 * `--validation 10%` by default, as eval / convert / sweep), so the images that `auto` and every
 * automatic choice score on stay unseen; the summary states both (`trainImages`, `validation`).
 */
export const trainCommand: Command = {
  name: 'train',
  summary: 'train the tutorial CNN (ReLU or QCFS activations) and save it as a model folder',
  usage:
    'train --data <mnist|fashion-mnist|DIR> --output DIR [--activation relu|qcfs:L|qcfs:L:channel] [--train-levels 2,4,8|L] [--epochs N] [--seed S] [--validation 10%|off]\n  e.g. snn train --data mnist --activation qcfs:8 --output qcfs.snn',
  options: {
    data: { type: 'string' },
    output: { type: 'string' },
    activation: { type: 'string' },
    'train-levels': { type: 'string' },
    epochs: { type: 'string' },
    seed: { type: 'string' },
    validation: { type: 'string' },
    json: { type: 'boolean' }, // accepted for symmetry with eval: the summary on stdout is JSON either way
  },
  positionals: { min: 0, max: 0, names: 'no arguments' },
  async run({ options, io, backend }) {
    const activation = trainLevelsOption(options['train-levels'] as string | undefined, activationOption(options.activation as string | undefined));
    const epochs = positiveInt('epochs', options.epochs as string | undefined, 10) as number;
    const seed = positiveInt('seed', options.seed as string | undefined, 5) as number;
    const out = options.output as string | undefined;
    if (!out) throw new UserError('--output is required: the folder to save the trained model in');
    const fraction = parseValidation(options.validation as string | undefined);
    await backend();
    const all = await loadData(options.data as string | undefined);
    if (all.train.shape.join(',') !== '28,28,1')
      throw new UserError(`--data: the tutorial CNN takes [28, 28, 1] images, the data has [${all.train.shape.join(', ')}]`);
    const held = holdOutValidation(all.train, fraction);
    const data = { ...all, train: held.rest };
    const kept = held.info ? `, its ${held.info.n} validation images (${Math.round(100 * held.info.fraction)} %, seed ${held.info.seed}) held out` : '';
    const say = (s: string) => io.stderr(`${s}\n`);
    const drawn = activation.kind === 'qcfs' && activation.trainLevels ? `, L drawn from {${activation.trainLevels.join(', ')}} per pass` : '';
    say(
      `training the tutorial CNN (${options.activation ?? 'relu'}${drawn}) on ${data.train.n} of ${all.train.n} training images${kept}: ${epochs} epochs, Adam 1e-3, batch 100, seed ${seed}`,
    );
    const { graph: trained } = await trainTutorialCnn(data, {
      epochs,
      seed,
      activation,
      onEpoch: (p) => say(`  epoch ${p.epoch}: loss ${p.loss.toFixed(4)}, ${p.seconds.toFixed(1)} s`),
    });
    const trainLevels = activation.kind === 'qcfs' ? activation.trainLevels : undefined;
    const saved = withoutTrainLevels(trained);
    // Drawn grids leave BN's running stats an average over them; re-estimated at the middle grid (validation: docs/RESULTS.md, qcfs).
    const bnReestimate = trainLevels ? { levels: bnLevels(trainLevels), images: data.train.n, batchSize: 100 } : undefined;
    const graph = bnReestimate ? reestimateBatchNorm(saved, data.train, { batchSize: bnReestimate.batchSize, levels: bnReestimate.levels }) : saved;
    if (bnReestimate) say(`  BatchNorm running statistics re-estimated at L = ${bnReestimate.levels} on ${bnReestimate.images} images`);
    await writeGraph(graph, out);
    const lambdas = graph.nodes.filter((n) => n.op === 'QCFS').map((n) => ({ node: n.name, lambda: Array.from(n.params.lambda.dataSync()) }));
    const summary = {
      output: out,
      activation: options.activation ?? 'relu',
      ...(trainLevels ? { trainLevels } : {}),
      ...(bnReestimate ? { bnReestimate } : {}),
      epochs,
      seed,
      trainImages: data.train.n,
      validation: held.info,
      qcfs: lambdas,
    };
    await writeFile(join(out, 'training.json'), `${JSON.stringify(summary, null, 2)}\n`);
    io.stdout(`${JSON.stringify(summary)}\n`);
    if (graph !== saved) for (const n of saved.nodes.filter((n) => n.op === 'BatchNorm')) tf.dispose([n.params.mean, n.params.var]);
    graph.dispose();
  },
};
