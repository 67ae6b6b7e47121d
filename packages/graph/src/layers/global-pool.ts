import type * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';
import { expectRank } from './attrs.js';

/** A reduction over height and width that keeps them as 1: `[N, H, W, C]` → `[N, 1, 1, C]` (the global pools). */
export function globalPool(op: string, reduce: (x: tf.Tensor, axes: number[], keepDims: boolean) => tf.Tensor): LayerDef {
  return {
    op,
    inferShape({ inputShapes: [x] }) {
      expectRank(x, 3, 'the input');
      return [1, 1, x[2]];
    },
    forward: ({ inputs: [x] }) => reduce(x, [1, 2], true),
  };
}
