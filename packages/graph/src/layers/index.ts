import { registerLayer } from '../registry.js';
import { add } from './add.js';
import { avgPool2d } from './avg-pool2d.js';
import { batchNorm } from './batch-norm.js';
import { clip } from './clip.js';
import { concat } from './concat.js';
import { conv2d } from './conv2d.js';
import { dropout } from './dropout.js';
import { flatten } from './flatten.js';
import { globalAvgPool } from './global-avg-pool.js';
import { identity } from './identity.js';
import { ifLayer } from './if.js';
import { lifLayer } from './lif.js';
import { linear } from './linear.js';
import { maxPool2d } from './max-pool2d.js';
import { relu } from './relu.js';

/** The built-in layers, registered by name on import. */
export const builtinLayers = [
  conv2d,
  linear,
  batchNorm,
  relu,
  clip,
  avgPool2d,
  maxPool2d,
  globalAvgPool,
  add,
  concat,
  flatten,
  dropout,
  identity,
  ifLayer,
  lifLayer,
];

for (const def of builtinLayers) registerLayer(def);

export { add, avgPool2d, batchNorm, clip, concat, conv2d, dropout, flatten, globalAvgPool, identity, ifLayer, lifLayer, linear, maxPool2d, relu };
