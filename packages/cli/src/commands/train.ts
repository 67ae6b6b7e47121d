import { type ActivationSpec, parseActivation, writeGraph } from '@snn/graph';
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

/**
 * `snn train --data mnist --activation qcfs:8 --output model.snn`: trains the tutorial CNN (Adam
 * 1e-3, batch 100, seeded) with ReLU or QCFS hidden activations and saves it as a model folder that
 * `snn eval` / `snn convert` read. A QCFS model converts without calibration (`--mode qcfs`).
 */
export const trainCommand: Command = {
  name: 'train',
  summary: 'train the tutorial CNN (ReLU or QCFS activations) and save it as a model folder',
  usage:
    'train --data <mnist|fashion-mnist|DIR> --output DIR [--activation relu|qcfs:L|qcfs:L:channel] [--epochs N] [--seed S]\n  e.g. snn train --data mnist --activation qcfs:8 --output qcfs.snn',
  options: {
    data: { type: 'string' },
    output: { type: 'string' },
    activation: { type: 'string' },
    epochs: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' }, // accepted for symmetry with eval: the summary on stdout is JSON either way
  },
  positionals: { min: 0, max: 0, names: 'no arguments' },
  async run({ options, io, backend }) {
    const activation = activationOption(options.activation as string | undefined);
    const epochs = positiveInt('epochs', options.epochs as string | undefined, 10) as number;
    const seed = positiveInt('seed', options.seed as string | undefined, 5) as number;
    const out = options.output as string | undefined;
    if (!out) throw new UserError('--output is required: the folder to save the trained model in');
    await backend();
    const data = await loadData(options.data as string | undefined);
    if (data.train.shape.join(',') !== '28,28,1')
      throw new UserError(`--data: the tutorial CNN takes [28, 28, 1] images, the data has [${data.train.shape.join(', ')}]`);
    const say = (s: string) => io.stderr(`${s}\n`);
    say(`training the tutorial CNN (${options.activation ?? 'relu'}) on ${data.train.n} images: ${epochs} epochs, Adam 1e-3, batch 100, seed ${seed}`);
    const { graph } = await trainTutorialCnn(data, {
      epochs,
      seed,
      activation,
      onEpoch: (p) => say(`  epoch ${p.epoch}: loss ${p.loss.toFixed(4)}, ${p.seconds.toFixed(1)} s`),
    });
    await writeGraph(graph, out);
    const lambdas = graph.nodes.filter((n) => n.op === 'QCFS').map((n) => ({ node: n.name, lambda: Array.from(n.params.lambda.dataSync()) }));
    io.stdout(`${JSON.stringify({ output: out, activation: options.activation ?? 'relu', epochs, seed, qcfs: lambdas })}\n`);
    graph.dispose();
  },
};
