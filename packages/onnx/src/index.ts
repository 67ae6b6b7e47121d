import { builtinOpHandlers } from './ops/index.js';
import { registerOpHandler } from './registry.js';

export { importOnnx } from './import.js';
export { summary, summaryRows, type SummaryRow } from './summary.js';
export { buildGraph } from './build.js';
export { planImport, type ImportOptions, type ImportPlan, DEFAULT_MAX_TENSOR_ELEMENTS } from './plan.js';
export { OnnxImportError, type OnnxErrorCode, type OnnxErrorWhere } from './errors.js';
export { registerOpHandler, getOpHandler, listOpHandlers, supportedOps, type OpHandler } from './registry.js';
export type { ImportContext, HostNodeSpec, Value, TensorValue, ConstantValue, PaddedValue } from './context.js';
export type { HostTensor } from './tensor/host-tensor.js';
export type { ExternalDataReader, ExternalDataRef } from './tensor/decode-tensor.js';
export type { OnnxNode, OnnxModel } from './proto/types.js';
export { decodeModel } from './proto/decode.js';
export { MIN_OPSET, MAX_OPSET } from './opset.js';

// The built-in handlers, registered in one explicit list (ops/index.ts).
for (const h of builtinOpHandlers) registerOpHandler(h);
