import type { OpHandler } from '../registry.js';
import { add } from './add.js';
import { averagePool } from './average-pool.js';
import { batchNormalization } from './batch-normalization.js';
import { clip } from './clip.js';
import { concat } from './concat.js';
import { constant } from './constant.js';
import { conv } from './conv.js';
import { dropout } from './dropout.js';
import { flatten } from './flatten.js';
import { gather } from './gather.js';
import { gemm } from './gemm.js';
import { globalAveragePool } from './global-average-pool.js';
import { identity } from './identity.js';
import { matmul } from './matmul.js';
import { maxPool } from './max-pool.js';
import { pad } from './pad.js';
import { qcfs } from './qcfs.js';
import { relu } from './relu.js';
import { reshape } from './reshape.js';
import { shape } from './shape.js';
import { sum } from './sum.js';
import { unsqueeze } from './unsqueeze.js';
import { div } from './div.js';
import { exp } from './exp.js';
import { globalMaxPool } from './global-max-pool.js';
import { hardSigmoid } from './hard-sigmoid.js';
import { hardSwish } from './hard-swish.js';
import { leakyRelu } from './leaky-relu.js';
import { logSoftmax } from './log-softmax.js';
import { mul } from './mul.js';
import { prelu } from './prelu.js';
import { reduceMean } from './reduce-mean.js';
import { reduceSum } from './reduce-sum.js';
import { sigmoid } from './sigmoid.js';
import { softmax } from './softmax.js';
import { squeeze } from './squeeze.js';
import { sub } from './sub.js';
import { tanh } from './tanh.js';
import { transpose } from './transpose.js';

/** Every built-in ONNX op handler; `index.ts` registers them in this order. */
export const builtinOpHandlers: OpHandler[] = [
  add,
  averagePool,
  batchNormalization,
  clip,
  concat,
  constant,
  conv,
  dropout,
  flatten,
  gather,
  gemm,
  globalAveragePool,
  identity,
  matmul,
  maxPool,
  pad,
  qcfs,
  relu,
  reshape,
  shape,
  sum,
  unsqueeze,
  div,
  exp,
  globalMaxPool,
  hardSigmoid,
  hardSwish,
  leakyRelu,
  logSoftmax,
  mul,
  prelu,
  reduceMean,
  reduceSum,
  sigmoid,
  softmax,
  squeeze,
  sub,
  tanh,
  transpose,
];
