import type { OpHandler } from '../registry.js';
import { emitUnary } from './unary.js';

/** ONNX `Exp` → `Exp`: y = e^x. For ANN inference (`snn infer`); `snn convert` refuses it. */
export const exp: OpHandler = {
  opType: 'Exp',
  note: '→ Exp (ANN inference only; conversion refuses it)',
  sinceOpset: 6,
  convert: (node, ctx) => emitUnary(node, ctx, 'Exp', {}),
};
