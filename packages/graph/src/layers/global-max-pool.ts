import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';
import { globalPool } from './global-pool.js';

/**
 * Max over height and width, keeping them as 1: `[N, H, W, C]` → `[N, 1, 1, C]`,
 * y[n, 0, 0, c] = max_{i, j} x[n, i, j, c].
 *
 * @example
 * b.add({ name: 'gmp', op: 'GlobalMaxPool', inputs: ['relu4'] });
 */
export const globalMaxPool: LayerDef = globalPool('GlobalMaxPool', tf.max);
