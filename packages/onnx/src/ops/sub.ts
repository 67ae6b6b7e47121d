import type { OpHandler } from '../registry.js';
import { convertArithmetic } from './arithmetic.js';

/**
 * ONNX `Sub`: x − y with NumPy broadcasting. Against a constant it is an affine map, folded into the
 * Conv/Gemm/MatMul/BatchNormalization before it when that is exact, else an `Affine` node; see
 * {@link convertArithmetic} for what two computed operands may do.
 */
export const sub: OpHandler = {
  opType: 'Sub',
  note: '→ Affine against a constant (folded into the Conv/Gemm/BatchNorm before it when exact), or Add with a negated operand',
  convert: (node, ctx) => convertArithmetic('Sub', node, ctx),
};
