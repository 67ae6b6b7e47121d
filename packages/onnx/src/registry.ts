import type { ImportContext } from './context.js';
import type { OnnxNode } from './proto/types.js';

/**
 * Converts one ONNX op (default domain) into graph node specs. Attribute names and defaults are
 * the ONNX spec's. A handler reads its inputs from the context, emits zero or more nodes and
 * defines every output it produces.
 */
export interface OpHandler {
  /** The ONNX `op_type`, e.g. `BatchNormalization`. */
  opType: string;
  convert(node: OnnxNode, ctx: ImportContext): void;
}

const handlers = new Map<string, OpHandler>();

/** Adds (or replaces) the handler for an op type; `ops/index.ts` registers the built-in list. */
export function registerOpHandler(handler: OpHandler): void {
  handlers.set(handler.opType, handler);
}

export function getOpHandler(opType: string): OpHandler | undefined {
  return handlers.get(opType);
}

/** Op types with a handler, sorted. */
export function listOpHandlers(): string[] {
  return [...handlers.keys()].sort();
}
