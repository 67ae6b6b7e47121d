import type { OpHandler } from '../registry.js';
import { emitSoftmax } from './softmax-axes.js';

/**
 * ONNX `Softmax` → `Softmax`: y = e^(x_i) / Σ_j e^(x_j) over `axis` (see {@link emitSoftmax} for
 * the opset-13 change). Kept for ANN inference; the converter drops it before the spiking readout,
 * which ranks the same.
 */
export const softmax: OpHandler = {
  opType: 'Softmax',
  note: '→ Softmax over a non-batch axis; the converter drops it before the spiking readout',
  sinceOpset: 1,
  convert: (node, ctx) => emitSoftmax(node, ctx, false),
};
