import { batchArrays, type Dataset } from '@snn/datasets';
import { type ActivationSpec, type Graph, tutorialCnn } from '@snn/graph';
import { createRng } from '@snn/core';
import { learningRate, type LrSchedule } from './lr-schedule.js';
import { makeStepper, type StepBatch } from './parallel-train.js';

/** Options of {@link trainTutorialCnn}; the defaults are the tutorial's schedule. */
export interface TrainOptions {
  /** Epochs (default 10). */
  epochs?: number;
  /** Batch size (default 100). */
  batchSize?: number;
  /** Adam learning rate (default 1e-3); the peak rate of a `one-cycle` schedule. */
  lr?: number;
  /** How the learning rate moves over the run (default `constant`, the tutorial's); see `learningRate` in demo/lr-schedule.ts. */
  schedule?: LrSchedule;
  /**
   * Seed of the initialisation and of each epoch's shuffle (default 5). The tutorial CNN ends in a
   * ReLU: with some initialisations (seed 0 among them) a class whose output starts ≤ 0 on nearly
   * every sample never gets a gradient and training stalls near 68% (PyTorch's seed 0 does the same
   * on this split). Over seeds 1–9, seed 5 led after 3 epochs.
   */
  seed?: number;
  /** Hidden activation of the CNN (default ReLU; `snn train --activation qcfs:8`). */
  activation?: ActivationSpec;
  /** Train on the first `trainLimit` samples of each shuffled epoch only. */
  trainLimit?: number;
  /** Threads each step's gradient is computed on (default 1: `Trainer.step` on the whole batch; 2: data-parallel, see `makeStepper`). */
  threads?: number;
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
 * The tutorial's training run, used by `snn demo` and examples/train-mnist: SpikingJelly's MNIST CNN
 * (`tutorialCnn`), Adam, cross-entropy loss −Σ y·log softmax(z), batch 100, a seeded shuffle per
 * epoch, test accuracy after each epoch. Returns the trained graph (plain tensors; the caller
 * disposes it).
 *
 * @example
 * const { graph, testAccuracy } = await trainTutorialCnn(await loadEmbeddedMnist(), { epochs: 10 });
 */
export async function trainTutorialCnn(data: Dataset, opts: TrainOptions = {}): Promise<{ graph: Graph; testAccuracy: number; epochs: EpochReport[] }> {
  const { epochs = 10, batchSize = 100, lr = 1e-3, seed = 5, schedule = 'constant' } = opts;
  const test = opts.testLimit === undefined ? data.test : { ...data.test, n: Math.min(opts.testLimit, data.test.n) };
  const initial = tutorialCnn({ seed, activation: opts.activation });
  const stepper = await makeStepper(initial, lr, seed, opts.threads ?? 1);
  initial.dispose(); // the replicas hold copies as variables
  const rng = createRng(seed);
  const reports: EpochReport[] = [];
  try {
    const n = Math.min(opts.trainLimit ?? data.train.n, data.train.n);
    const count = Math.ceil(n / batchSize);
    const [h, w, c] = data.train.shape;
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const t0 = performance.now();
      let sum = 0;
      // one batch ahead (each step's seed drawn in batch order, as before), so that the worker's share of the next
      // step is posted with this step's update (`Stepper.step`'s `next`)
      const it = batchArrays(data.train, { batchSize, shuffle: true, seed: seed + epoch, limit: n });
      const take = (): (StepBatch & { index: number }) | undefined => {
        const b = it.next();
        return b.done
          ? undefined
          : { x: b.value.x, labels: Int32Array.from(b.value.y), shape: [b.value.size, h, w, c], seed: Math.floor(rng() * 2 ** 31), index: b.value.index };
      };
      for (let b = take(); b; ) {
        const next = take();
        const lrNow = learningRate(schedule, lr, (epoch - 1) * count + b.index, epochs * count);
        const loss = await stepper.step(b.x, b.labels, b.shape, lrNow, b.seed, next);
        sum += loss;
        opts.onBatch?.({ epoch, batch: b.index + 1, batches: count, loss });
        b = next;
      }
      const seconds = (performance.now() - t0) / 1000;
      // Yield to the event loop between epochs so progress output flushes.
      await new Promise((r) => setTimeout(r, 0));
      const report = { epoch, loss: sum / count, testAccuracy: await stepper.evaluate(test), seconds };
      reports.push(report);
      opts.onEpoch?.(report);
    }
    return { graph: stepper.local.trainer.snapshot(), testAccuracy: reports.at(-1)?.testAccuracy ?? (await stepper.evaluate(test)), epochs: reports };
  } finally {
    await stepper.dispose();
  }
}
