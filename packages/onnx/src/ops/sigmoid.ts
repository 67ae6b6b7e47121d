import type { OpHandler } from '../registry.js';
import { emitUnary } from './unary.js';

/** ONNX `Sigmoid` → `Sigmoid`: y = 1 / (1 + e^(−x)). For ANN inference (`snn infer`); `snn convert` refuses it. */
export const sigmoid: OpHandler = {
  opType: 'Sigmoid',
  note: '→ Sigmoid (ANN inference only; conversion refuses it)',
  sinceOpset: 6,
  convert: (node, ctx) => emitUnary(node, ctx, 'Sigmoid', {}),
};
