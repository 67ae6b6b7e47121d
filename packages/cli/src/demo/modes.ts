import { type Recipe, sharedCalibration } from '@snn/converter';
import type { Split } from '@snn/datasets';
import type { Graph } from '@snn/graph';
import { simulate } from '@snn/simulator';
import { convertWith } from '../commands/conversion.js';
import { phase } from '../profile.js';
import type { TrainingUse } from '../training.js';

/** One mode's accuracy curve and the SNN it came from. */
export interface ModeRun {
  mode: string;
  snn: Graph;
  /** Test accuracy at every t = 1..T. */
  accuracy: number[];
  /** Seconds from the start of its conversion to the end of its simulation. */
  seconds: number;
}

/**
 * Converts and simulates each mode, as `snn eval` does (calibration on `use.calibration`, the
 * recipe's choices scored on `use.validation`), with one ANN pass over the calibration images for
 * every mode (`sharedCalibration`: each mode's observers fed from the same activations), pipelined:
 * mode k+1 is converted on this thread while mode k simulates on the worker threads, and one
 * simulation runs at a time (it takes every core's worker). The ANN is scored once by the caller.
 */
export async function runModes(
  ann: Graph,
  modes: ReadonlyArray<{ mode: string; recipe: Recipe }>,
  use: TrainingUse,
  test: Split,
  T: number,
  onDone: (r: ModeRun) => void = () => {},
): Promise<ModeRun[]> {
  const runs: ModeRun[] = [];
  const cache = sharedCalibration(modes.map((m) => m.recipe));
  let running: Promise<void> = Promise.resolve();
  for (const { mode, recipe } of modes) {
    const t0 = performance.now();
    const { snn } = await convertWith(ann, recipe, use, { validation: null }, 200, cache);
    await running; // the previous mode's simulation: one at a time on the workers
    running = phase('simulate', () => simulate(snn, test, { T, batchSize: 100 })).then((sim) => {
      const run = { mode, snn, accuracy: sim.accuracy, seconds: (performance.now() - t0) / 1000 };
      runs.push(run);
      onDone(run);
    });
    running.catch(() => {}); // handled by the next await; no unhandled rejection while converting
  }
  await running;
  return runs;
}
