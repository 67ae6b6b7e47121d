// Max-pooling: the rule picked on a validation split, then ANN / SpikingJelly's modes / the default recipe on
// the three VGG-style MaxPool fixtures, measured by tools/results/maxpool.ts. The default recipe's rows are
// the auto section's `snn eval --mode auto` runs of the same fixtures, read back from their saved JSON (run
// again only when that section has not run on these sources: tools/results/saved-runs.mjs), so the two
// sections show one measurement. Image counts are the auto section's: its test subset and calibration,
// and auto's choices scored on VALIDATION_SCORE_IMAGES validation images.
import { VALIDATION_SCORE_IMAGES } from '@snn/cli';
import { run } from '../lib.mjs';
import { RUNS, snnReused } from '../saved-runs.mjs';
import { autoRun, MODELS } from './20-auto.mjs';

const FIXTURES = ['maxpool_relu', 'maxpool_dropout', 'maxpool_ceil'];

export default {
  id: 'maxpool',
  title: 'Max-pooling (VGG-style Fashion-MNIST fixtures with MaxPool after ReLU, after Dropout, with ceil_mode)',
  async run(log) {
    const models = FIXTURES.map((name) => MODELS.find((m) => m.name === name));
    for (const m of models) snnReused(autoRun(m).args, log, autoRun(m).out, 'the auto section');
    const { test, calibrate } = models[0];
    if (models.some((m) => m.test !== test || m.calibrate !== calibrate))
      throw new Error('the max-pool fixtures differ in test or calibration images (20-auto.mjs)');
    const args = ['--test', String(test), '--val', String(VALIDATION_SCORE_IMAGES), '--calibrate', String(calibrate), '--auto', RUNS];
    return run(['node', 'tools/run-ts.mjs', 'tools/results/maxpool.ts', ...args], log);
  },
};
