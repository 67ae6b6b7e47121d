import { type ActivationSpec, type Graph, parseActivation, writeGraph } from '@snn/graph';
import { trainTutorialCnn } from '../demo/train.js';
import { UserError } from '../errors.js';
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

/** Parses `--train-levels 2,4,8` (QCFS only): the L each training pass draws from. */
export function trainLevelsOption(text: string | undefined, activation: ActivationSpec): ActivationSpec {
  if (text === undefined) return activation;
  if (activation.kind !== 'qcfs') throw new UserError('--train-levels needs --activation qcfs:L');
  const levels = text.split(',').map((s) => Number(s.trim()));
  if (!levels.every((l) => Number.isInteger(l) && l >= 1 && l <= 1024))
    throw new UserError(`--train-levels ${text}: expected a comma-separated list of integers in [1, 1024], e.g. 2,4,8`);
  return { ...activation, trainLevels: levels };
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
 */
export const trainCommand: Command = {
  name: 'train',
  summary: 'train the tutorial CNN (ReLU or QCFS activations) and save it as a model folder',
  usage:
    'train --data <mnist|fashion-mnist|DIR> --output DIR [--activation relu|qcfs:L|qcfs:L:channel] [--train-levels 2,4,8] [--epochs N] [--seed S]\n  e.g. snn train --data mnist --activation qcfs:8 --output qcfs.snn',
  options: {
    data: { type: 'string' },
    output: { type: 'string' },
    activation: { type: 'string' },
    'train-levels': { type: 'string' },
    epochs: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' }, // accepted for symmetry with eval: the summary on stdout is JSON either way
  },
  positionals: { min: 0, max: 0, names: 'no arguments' },
  async run({ options, io, backend }) {
    const activation = trainLevelsOption(options['train-levels'] as string | undefined, activationOption(options.activation as string | undefined));
    const epochs = positiveInt('epochs', options.epochs as string | undefined, 10) as number;
    const seed = positiveInt('seed', options.seed as string | undefined, 5) as number;
    const out = options.output as string | undefined;
    if (!out) throw new UserError('--output is required: the folder to save the trained model in');
    await backend();
    const data = await loadData(options.data as string | undefined);
    if (data.train.shape.join(',') !== '28,28,1')
      throw new UserError(`--data: the tutorial CNN takes [28, 28, 1] images, the data has [${data.train.shape.join(', ')}]`);
    const say = (s: string) => io.stderr(`${s}\n`);
    const drawn = activation.kind === 'qcfs' && activation.trainLevels ? `, L drawn from {${activation.trainLevels.join(', ')}} per pass` : '';
    say(`training the tutorial CNN (${options.activation ?? 'relu'}${drawn}) on ${data.train.n} images: ${epochs} epochs, Adam 1e-3, batch 100, seed ${seed}`);
    const { graph: trained } = await trainTutorialCnn(data, {
      epochs,
      seed,
      activation,
      onEpoch: (p) => say(`  epoch ${p.epoch}: loss ${p.loss.toFixed(4)}, ${p.seconds.toFixed(1)} s`),
    });
    const graph = withoutTrainLevels(trained);
    await writeGraph(graph, out);
    const lambdas = graph.nodes.filter((n) => n.op === 'QCFS').map((n) => ({ node: n.name, lambda: Array.from(n.params.lambda.dataSync()) }));
    const trainLevels = activation.kind === 'qcfs' ? activation.trainLevels : undefined;
    io.stdout(
      `${JSON.stringify({ output: out, activation: options.activation ?? 'relu', ...(trainLevels ? { trainLevels } : {}), epochs, seed, qcfs: lambdas })}\n`,
    );
    graph.dispose();
  },
};
