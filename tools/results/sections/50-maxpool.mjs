// Max-pooling: the rule picked on a validation split, then ANN / SpikingJelly's modes / auto on the
// three VGG-style MaxPool fixtures, measured in one run by tools/results/maxpool.ts.
import { run } from '../lib.mjs';

export default {
  id: 'maxpool',
  title: 'Max-pooling (VGG-style Fashion-MNIST fixtures with MaxPool after ReLU, after Dropout, with ceil_mode)',
  async run(log) {
    return run(['node', 'tools/run-ts.mjs', 'tools/results/maxpool.ts', '--test', '1000', '--val', '300', '--calibrate', '3000'], log);
  },
};
