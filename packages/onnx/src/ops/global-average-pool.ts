import type { OpHandler } from '../registry.js';
import { globalPoolHandler } from './global-pool.js';

/**
 * ONNX `GlobalAveragePool` → `GlobalAvgPool`: the mean over the spatial axes, output `[N, C, 1, 1]`
 * (graph: `[N, 1, 1, C]`), or `[N, C, 1]` for a sequence.
 */
export const globalAveragePool: OpHandler = {
  sinceOpset: 1,
  ...globalPoolHandler('GlobalAveragePool', 'GlobalAvgPool', '→ GlobalAvgPool over the spatial axes'),
};
