import { createRegistry } from '@snn/core';
import type { ImportContext } from './context.js';
import type { MIN_OPSET } from './opset.js';
import type { OnnxNode } from './proto/types.js';

/**
 * Converts one ONNX op (default domain) into graph node specs. Attribute names and defaults are
 * the ONNX spec's. A handler reads its inputs from the context, emits zero or more nodes and
 * defines every output it produces.
 */
export interface OpHandler {
  /** The ONNX `op_type`, e.g. `BatchNormalization`. */
  opType: string;
  /** One line for the supported-ops table: the graph op it becomes and what it accepts. */
  note?: string;
  /**
   * The oldest opset whose definition of this op the handler honours, when older than
   * {@link MIN_OPSET} (the op has not changed since): models below MIN_OPSET import if all their ops have one.
   */
  sinceOpset?: number;
  /** Emits the node's graph specs through `ctx` and defines each of its outputs; throws `ctx.fail(…)` on what it cannot take. */
  convert(node: OnnxNode, ctx: ImportContext): void;
}

const handlers = createRegistry<OpHandler>('ONNX op');

/** Adds (or replaces) the handler for an op type; `ops/index.ts` registers the built-in list. */
export const registerOpHandler = (handler: OpHandler): void => handlers.set(handler.opType, handler);
/** The handler for an op type, or undefined. */
export const getOpHandler = (opType: string): OpHandler | undefined => handlers.find(opType);
/** Op types with a handler, sorted. */
export const listOpHandlers = (): string[] => handlers.keys().sort();

/**
 * Every registered ONNX op with its one-line note, sorted by op (the README's supported-ops table
 * is generated from this).
 *
 * @example
 * for (const { op, note } of supportedOps()) console.log(`${op}: ${note}`);
 */
export function supportedOps(): Array<{ op: string; note: string }> {
  return listOpHandlers().map((op) => ({ op, note: handlers.find(op)?.note ?? '' }));
}

/** Where an unsupported-op error tells the user to look. */
export const SUPPORTED_OPS_HINT = 'supported ops: supportedOps() of @snn/onnx, or the table in its README';
