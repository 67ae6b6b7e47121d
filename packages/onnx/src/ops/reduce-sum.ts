import type { OpHandler } from '../registry.js';
import { emitReduce } from './reduce-common.js';

/**
 * ONNX `ReduceSum` over non-batch axes: y = Σ_{i∈A} x_i → `Reduce` {sum}. Defaults: keepdims=1,
 * noop_with_empty_axes=0; axes an attribute before opset 13, an input from then.
 */
export const reduceSum: OpHandler = {
  opType: 'ReduceSum',
  note: '→ Reduce {sum} over non-batch axes; keepdims either way',
  convert: (node, ctx) => emitReduce(node, ctx, 'sum', 13),
};
