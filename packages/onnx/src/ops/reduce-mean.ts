import type { OpHandler } from '../registry.js';
import { emitReduce } from './reduce-common.js';

/**
 * ONNX `ReduceMean` over non-batch axes: y = (1/|A|)·Σ_{i∈A} x_i. Defaults: keepdims=1; axes as an
 * attribute (an input from opset 18). Over H and W it is global average pooling.
 */
export const reduceMean: OpHandler = {
  opType: 'ReduceMean',
  note: '→ GlobalAvgPool over H and W (x.mean([2, 3])), else Reduce {mean}; keepdims either way',
  convert: (node, ctx) => emitReduce(node, ctx, 'mean', 18),
};
