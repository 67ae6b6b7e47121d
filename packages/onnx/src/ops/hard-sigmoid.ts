import { shortestFloat32 } from '../float32.js';
import type { OpHandler } from '../registry.js';
import { unaryHandler } from './unary.js';

/** ONNX `HardSigmoid` → `HardSigmoid`: y = max(0, min(1, alpha·x + beta)); defaults alpha=0.2, beta=0.5. For ANN inference (`snn infer`); `snn convert` refuses it. */
export const hardSigmoid: OpHandler = unaryHandler('HardSigmoid', 'HardSigmoid', '→ HardSigmoid (ANN inference only; conversion refuses it)', 6, (a) => ({
  alpha: shortestFloat32(a.float('alpha', 0.2)),
  beta: shortestFloat32(a.float('beta', 0.5)),
}));
