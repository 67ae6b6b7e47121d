import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';
import { globalPool } from './global-pool.js';

/**
 * Mean over height and width, keeping them as 1: `[N, H, W, C]` → `[N, 1, 1, C]`,
 * y[n, 0, 0, c] = (1 / HW) · Σ_{i, j} x[n, i, j, c].
 *
 * @example
 * b.add({ name: 'gap', op: 'GlobalAvgPool', inputs: ['relu4'] });
 */
export const globalAvgPool: LayerDef = globalPool('GlobalAvgPool', tf.mean);
