import type { OpHandler } from '../registry.js';
import { emitUnary } from './unary.js';

/** ONNX `HardSwish` → `HardSwish`: y = x · max(0, min(1, x/6 + 1/2)). For ANN inference (`snn infer`); `snn convert` refuses it. */
export const hardSwish: OpHandler = {
  opType: 'HardSwish',
  note: '→ HardSwish (ANN inference only; conversion refuses it)',
  convert: (node, ctx) => emitUnary(node, ctx, 'HardSwish', {}),
};
