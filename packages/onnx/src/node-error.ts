import { type OnnxErrorCode, OnnxImportError, type OnnxErrorWhere } from './errors.js';
import type { OnnxNode } from './proto/types.js';

/** An {@link OnnxImportError} that names the node, its op and the opset (plus any `where` facts). */
export function nodeError(node: OnnxNode, opset: number, code: OnnxErrorCode, message: string, where: OnnxErrorWhere = {}): OnnxImportError {
  return new OnnxImportError(code, message, { node: node.name, opType: node.opType, opset, ...where });
}
