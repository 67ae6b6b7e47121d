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
import { qcfs } from './qcfs.js';
import { relu } from './relu.js';
// Layers for ONNX models as users export them (layout moves, arithmetic with constants, ANN-only activations).
import { affine } from './affine.js';
import { exp } from './exp.js';
import { globalMaxPool } from './global-max-pool.js';
import { hardSigmoid } from './hard-sigmoid.js';
import { hardSwish } from './hard-swish.js';
import { leakyRelu } from './leaky-relu.js';
import { prelu } from './prelu.js';
import { reduce } from './reduce.js';
import { reshape } from './reshape.js';
import { sigmoid } from './sigmoid.js';
import { softmax } from './softmax.js';
import { tanh } from './tanh.js';
import { transpose } from './transpose.js';
import { spikingMaxPool2d } from './spiking-max-pool2d.js';

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
  qcfs,
  affine,
  exp,
  globalMaxPool,
  hardSigmoid,
  hardSwish,
  leakyRelu,
  prelu,
  reduce,
  reshape,
  sigmoid,
  softmax,
  tanh,
  transpose,
  spikingMaxPool2d,
];

for (const def of builtinLayers) registerLayer(def);

export { affine, exp, globalMaxPool, hardSigmoid, hardSwish, leakyRelu, prelu, reduce, reshape, sigmoid, softmax, tanh, transpose };
export { add, avgPool2d, batchNorm, clip, concat, conv2d, dropout, flatten, globalAvgPool, identity, ifLayer, lifLayer, linear, maxPool2d, qcfs, relu };
export { spikingMaxPool2d };
