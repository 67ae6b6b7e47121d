import * as tf from '@tensorflow/tfjs-core';
import { batches, type Dataset } from '@snn/datasets';
import { evaluate, type Graph, Trainer, tutorialCnn } from '@snn/graph';

/** Options of {@link trainMnist}; the defaults are the tutorial's schedule. */
export interface TrainMnistOptions {
  /** Epochs (default 10). */
  epochs?: number;
  /** Batch size (default 100). */
  batchSize?: number;
  /** Adam learning rate (default 1e-3). */
  lr?: number;
  /** Seed of the initialisation and of each epoch's shuffle (default 0). */
  seed?: number;
  /** Train on the first `trainLimit` samples of each shuffled epoch only. */
  trainLimit?: number;
  /** Evaluate on the first `testLimit` test images only. */
  testLimit?: number;
  /** Called after every batch. */
  onBatch?: (p: { epoch: number; batch: number; batches: number; loss: number }) => void;
  /** Called after every epoch. */
  onEpoch?: (r: EpochReport) => void;
}

/** What one epoch did. */
export interface EpochReport {
  epoch: number;
  loss: number;
  testAccuracy: number;
  /** Training time of the epoch (evaluation excluded). */
  seconds: number;
}

/**
 * Trains the tutorial CNN (`tutorialCnn`) on MNIST with Adam and cross-entropy, evaluating on the
 * test split after every epoch. Returns the trained graph (plain tensors; the caller disposes it).
 *
 * @example
 * const { graph, testAccuracy } = await trainMnist(await loadEmbeddedMnist(), { epochs: 10 });
 */
export async function trainMnist(data: Dataset, opts: TrainMnistOptions = {}): Promise<{ graph: Graph; testAccuracy: number; epochs: EpochReport[] }> {
  const { epochs = 10, batchSize = 100, lr = 1e-3, seed = 0 } = opts;
  const test = opts.testLimit === undefined ? data.test : { ...data.test, n: Math.min(opts.testLimit, data.test.n) };
  const initial = tutorialCnn({ seed });
  const trainer = new Trainer(initial, { optimizer: { kind: 'adam', lr }, seed });
  initial.dispose(); // the trainer holds copies as variables
  const reports: EpochReport[] = [];
  try {
    const n = Math.min(opts.trainLimit ?? data.train.n, data.train.n);
    const count = Math.ceil(n / batchSize);
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const t0 = performance.now();
      let sum = 0;
      for (const { x, y, index } of batches(data.train, { batchSize, shuffle: true, seed: seed + epoch, limit: n })) {
        const loss = trainer.step(x, y);
        tf.dispose([x, y]);
        sum += loss;
        opts.onBatch?.({ epoch, batch: index + 1, batches: count, loss });
      }
      const seconds = (performance.now() - t0) / 1000;
      // Yield to the event loop between epochs so progress output flushes.
      await new Promise((r) => setTimeout(r, 0));
      const report = { epoch, loss: sum / count, testAccuracy: evaluate(trainer.graph, test).accuracy, seconds };
      reports.push(report);
      opts.onEpoch?.(report);
    }
    return { graph: trainer.snapshot(), testAccuracy: reports.at(-1)?.testAccuracy ?? evaluate(trainer.graph, test).accuracy, epochs: reports };
  } finally {
    trainer.dispose();
  }
}
