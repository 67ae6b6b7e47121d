import { shortestFloat32 } from '../float32.js';
import type { OpHandler } from '../registry.js';
import { unaryHandler } from './unary.js';

/** ONNX `LeakyRelu` → `LeakyReLU`: y = x for x ≥ 0, alpha·x below; alpha defaults to 0.01. For ANN inference (`snn infer`); `snn convert` refuses it. */
export const leakyRelu: OpHandler = unaryHandler('LeakyRelu', 'LeakyReLU', '→ LeakyReLU (ANN inference only; conversion refuses it)', 6, (a) => ({
  alpha: shortestFloat32(a.float('alpha', 0.01)),
}));
