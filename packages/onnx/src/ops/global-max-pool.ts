import type { OpHandler } from '../registry.js';
import { globalPoolHandler } from './global-pool.js';

/**
 * ONNX `GlobalMaxPool` → `GlobalMaxPool`: the max over the spatial axes, output `[N, C, 1, 1]`
 * (graph: `[N, 1, 1, C]`), or `[N, C, 1]` for a sequence.
 */
export const globalMaxPool: OpHandler = {
  sinceOpset: 1,
  ...globalPoolHandler('GlobalMaxPool', 'GlobalMaxPool', '→ GlobalMaxPool over the spatial axes of [N, C, L] or [N, C, H, W]'),
};
