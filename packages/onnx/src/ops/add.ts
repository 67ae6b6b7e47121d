import type { OpHandler } from '../registry.js';
import { convertArithmetic } from './arithmetic.js';

/**
 * ONNX `Add`: x + y with NumPy broadcasting. Against a constant it is an affine map, folded into the
 * Conv/Gemm/MatMul/BatchNormalization before it when that is exact, else an `Affine` node; see
 * {@link convertArithmetic} for what two computed operands may do.
 */
export const add: OpHandler = {
  opType: 'Add',
  note: '→ Affine against a constant (folded into the Conv/Gemm/BatchNorm before it when exact), or Add of equal shapes',
  convert: (node, ctx) => convertArithmetic('Add', node, ctx),
};
