import type { OpHandler } from '../registry.js';
import { convertArithmetic } from './arithmetic.js';

/**
 * ONNX `Mul`: x · y with NumPy broadcasting. Against a constant it is an affine map, folded into the
 * Conv/Gemm/MatMul/BatchNormalization before it when that is exact, else an `Affine` node; see
 * {@link convertArithmetic} for what two computed operands may do.
 */
export const mul: OpHandler = {
  opType: 'Mul',
  note: '→ Affine against a constant (folded into the Conv/Gemm/BatchNorm before it when exact)',
  convert: (node, ctx) => convertArithmetic('Mul', node, ctx),
};
