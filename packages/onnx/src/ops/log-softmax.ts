import type { OpHandler } from '../registry.js';
import { emitSoftmax } from './softmax-axes.js';

/**
 * ONNX `LogSoftmax` → `Softmax` {log: true}: y = x_i − log Σ_j e^(x_j) over `axis`. Kept for ANN
 * inference; the converter drops it before the spiking readout, which ranks the same.
 */
export const logSoftmax: OpHandler = {
  opType: 'LogSoftmax',
  note: '→ Softmax {log} over a non-batch axis; the converter drops it before the spiking readout',
  sinceOpset: 1,
  convert: (node, ctx) => emitSoftmax(node, ctx, true),
};
