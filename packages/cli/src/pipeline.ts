// What the commands share, gathered for their imports: model and data loading, subsets, option
// parsing. Loading and the ANN pass are timed as phases of `--profile` here, once for every command.
import { availableParallelism } from 'node:os';
import { prestartWorkers, worthParallel } from '@snn/simulator';
import { annAccuracyAside as annAccuracyAsideOf, annAccuracy as annAccuracyOf } from './ann-accuracy.js';
import { AnnThread } from './ann-thread.js';
import { loadData as loadDataOf } from './data.js';
import { loadModel as loadModelOf } from './model.js';
import { currentProfile, phase } from './profile.js';

export { checkDataFits, limitSplit, SUBSET_SEED, testSubset } from './data.js';
export { isSpiking } from './model.js';
export { modeOption, parseTimeSteps, positiveInt } from './options.js';
export { calibrationBatches } from './calibration.js';

/** `model.ts`' `loadModel`, timed as the profile's `model` phase. */
export const loadModel: typeof loadModelOf = (path) => phase('model', () => loadModelOf(path));
/** `data.ts`' `loadData`, timed as the profile's `data` phase. */
export const loadData: typeof loadDataOf = (given, io) => phase('data', () => loadDataOf(given, io));
/** `ann-accuracy.ts`' `annAccuracy`, timed as the profile's `ann` phase. */
export const annAccuracy: typeof annAccuracyOf = (graph, test, batchSize) => phase('ann', () => annAccuracyOf(graph, test, batchSize));
/**
 * `ann-accuracy.ts`' `annAccuracyAside`: the pass starts now on a worker thread; awaiting the
 * returned function gives the accuracy. The profile's `ann` phase is the time this thread waited
 * for it, and `ann:worker` the worker's own time (it overlaps other phases).
 */
export function annAccuracyAside(
  graph: Parameters<typeof annAccuracyOf>[0],
  test: Parameters<typeof annAccuracyOf>[1],
  batchSize: number,
): () => Promise<number> {
  const wait = annAccuracyAsideOf(graph, test, batchSize);
  return async () => {
    const r = await phase('ann', wait);
    if (r.seconds !== undefined) currentProfile()?.add('ann:worker', r.seconds);
    return r.accuracy;
  };
}

/**
 * Starts the simulator's worker threads now when the simulation to come is large enough to run on
 * them (`worthParallel(n · T, macs)`, what `simulate({ workers: 'auto' })` decides; `macs`: the
 * network's dense MACs per image·step, `annMacs`), so that their start-up overlaps the ANN pass and
 * calibration: one per core but this one, which simulates a share itself (`callingThread`), unless
 * a conversion simulates first (`convertSimulates`: `auto`'s search runs on every core). Not for
 * `--queue` runs (remote workers simulate).
 */
export function warmSimulation(n: number, T: number, options: { queue?: unknown }, macs = 0, convertSimulates = true): void {
  const cores = availableParallelism();
  if (options.queue === undefined && worthParallel(n * T, macs)) prestartWorkers({ workers: convertSimulates ? cores : Math.max(1, cores - 1) });
}

/** Starts the ANN worker thread now (the ANN's test pass and part of calibration run on it), so that its start-up overlaps loading. */
export function warmAnnThread(): void {
  AnnThread.shared();
}
