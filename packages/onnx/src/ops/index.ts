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
import { relu } from './relu.js';
import { reshape } from './reshape.js';
import { shape } from './shape.js';
import { sum } from './sum.js';
import { unsqueeze } from './unsqueeze.js';

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
  relu,
  reshape,
  shape,
  sum,
  unsqueeze,
];
