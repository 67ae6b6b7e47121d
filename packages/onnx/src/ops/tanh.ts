import type { OpHandler } from '../registry.js';
import { emitUnary } from './unary.js';

/** ONNX `Tanh` → `Tanh`: y = tanh(x). For ANN inference (`snn infer`); `snn convert` refuses it. */
export const tanh: OpHandler = {
  opType: 'Tanh',
  note: '→ Tanh (ANN inference only; conversion refuses it)',
  sinceOpset: 6,
  convert: (node, ctx) => emitUnary(node, ctx, 'Tanh', {}),
};
