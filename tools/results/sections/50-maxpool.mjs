// Max-pooling: the rule picked on a validation split, then ANN / SpikingJelly's modes / auto on the
// three VGG-style MaxPool fixtures, measured in one run by tools/results/maxpool.ts. Image counts are
// the ones `snn eval` and the auto section use (one rule): 1,000 stratified test images, 3,000
// calibration images, and auto's choices scored on VALIDATION_SCORE_IMAGES validation images.
import { VALIDATION_SCORE_IMAGES } from '@snn/cli';
import { run } from '../lib.mjs';

export default {
  id: 'maxpool',
  title: 'Max-pooling (VGG-style Fashion-MNIST fixtures with MaxPool after ReLU, after Dropout, with ceil_mode)',
  async run(log) {
    const args = ['--test', '1000', '--val', String(VALIDATION_SCORE_IMAGES), '--calibrate', '3000'];
    return run(['node', 'tools/run-ts.mjs', 'tools/results/maxpool.ts', ...args], log);
  },
};
