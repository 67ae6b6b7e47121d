import { type Recipe, sharedCalibration } from '@snn/converter';
import type { Split } from '@snn/datasets';
import type { Graph } from '@snn/graph';
import { simulate } from '@snn/simulator';
import { convertWith } from '../commands/conversion.js';
import { phase } from '../profile.js';
import type { TrainingUse } from '../training.js';

/**
 * Images per batch of auto's validation runs here. They run in this thread while the other modes
 * simulate on the workers (`workersBusy`), and this thread reaches its event loop only between
 * batches: a worker's reply (a finished piece, the end of one mode's simulation and the start of
 * the next) waits out the batch in work. At 200 images × 128 steps a batch holds this thread for
 * about a second, and each hand-over between two modes' simulations waited out one or two of them
 * with both workers idle; 25 images make it about 0.15 s. Same accuracies (per-image sums; tested),
 * same CPU (measured: 2.41 / 2.41 CPU-s for 500 images × 128 steps at 200 / 25).
 */
export const SEARCH_BATCH = 25;

/** One mode's accuracy curve and the SNN it came from. */
export interface ModeRun {
  mode: string;
  snn: Graph;
  /** Test accuracy at every t = 1..T. */
  accuracy: number[];
  /** Seconds from the start of its conversion to the end of its simulation. */
  seconds: number;
}

/** The modes converted, their simulations still running: `runs` settles when the last one ends. */
export interface StartedModes {
  /** Each mode's SNN, in the order given. */
  snns: Map<string, Graph>;
  /** Every mode's run, in the order given. */
  runs: Promise<ModeRun[]>;
}

/**
 * Converts each mode, as `snn eval` does (calibration on `use.calibration`, the recipe's choices
 * scored on `use.validation`), and queues each mode's simulation as soon as it is converted. Every
 * mode shares one ANN pass over the calibration images (`sharedCalibration`: each mode's observers
 * fed from the same activations, the thresholds a pass of its own gives). That pass keeps this
 * thread and the ANN thread busy, so the simulation workers waiting for it leave no core idle; a
 * pass of its own for the first mode (as before) started its simulation sooner but cost one more
 * ANN pass over the calibration images (~1.8 CPU-s in the demo). The simulations run one after
 * another, each on every worker thread; this thread goes on converting meanwhile, so the modes whose
 * conversion simulates (auto's bias correction) are best put last: they convert while the others
 * simulate. Resolves when every mode is converted; `runs` when every simulation has ended (a failed
 * one rejects it, and the ones after it do not run). The ANN is scored by the caller.
 */
export async function startModes(
  ann: Graph,
  modes: ReadonlyArray<{ mode: string; recipe: Recipe }>,
  use: TrainingUse,
  test: Split,
  T: number,
  onDone: (r: ModeRun) => void = () => {},
): Promise<StartedModes> {
  const cache = sharedCalibration(modes.map((m) => m.recipe));
  const snns = new Map<string, Graph>();
  const runs: ModeRun[] = [];
  let queue: Promise<void> = Promise.resolve();
  for (const { mode, recipe } of modes) {
    const t0 = performance.now();
    const { snn } = await convertWith(ann, recipe, use, { validation: null, costs: false }, SEARCH_BATCH, cache);
    snns.set(mode, snn);
    await new Promise((r) => setTimeout(r, 0)); // the event loop: the queued simulation's worker replies
    queue = queue.then(async () => {
      const sim = await phase('simulate', () => simulate(snn, test, { T, batchSize: 100 }));
      const run = { mode, snn, accuracy: sim.accuracy, seconds: (performance.now() - t0) / 1000 };
      runs.push(run);
      onDone(run);
    });
    queue.catch(() => {}); // surfaced through `runs`; no unhandled rejection while this thread converts
  }
  return { snns, runs: queue.then(() => runs) };
}
