// One-node ONNX models for the handler tests, and running them on ONNX-layout data.
import { importOnnx, planImport } from '../../src/index.js';
import { node, valueInfo, writeModel } from './onnx-writer.js';
import type { T } from './reference-ops.js';
import { runNchw } from './run.js';

type Obj = Record<string, unknown>;

export interface OpModel {
  /** Input 0's dims with the batch as 'N'. */
  x: Array<number | string>;
  /** Further inputs (initializer names, or '' for an omitted one). */
  more?: string[];
  attrs?: Obj[];
  initializers?: Obj[];
  opset?: number;
  /** Output dims (only their rank matters to the importer). */
  y?: Array<number | string>;
}

/** `x → op → y` as ONNX bytes; the node is named `the_node`. */
export function opModel(op: string, m: OpModel): Uint8Array {
  return writeModel({
    opset: m.opset,
    nodes: [node(op, ['x', ...(m.more ?? [])], ['y'], m.attrs ?? [], 'the_node')],
    initializers: m.initializers ?? [],
    inputs: [valueInfo('x', m.x)],
    outputs: [valueInfo('y', m.y ?? m.x)],
  });
}

/** Imports and runs a model on ONNX-layout data; the values come back in ONNX's row-major order. */
export function runModel(bytes: Uint8Array, x: T): T {
  const g = importOnnx(bytes);
  try {
    return runNchw(g, x);
  } finally {
    g.dispose();
  }
}

/** The graph ops a model imports as. */
export const opsOf = (bytes: Uint8Array): string[] => planImport(bytes).specs.map((s) => s.op);

/** The message of the error importing a model throws. */
export function importMessage(bytes: Uint8Array): string {
  try {
    planImport(bytes);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

/** Max |a − b| over plain arrays. */
export const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = a.length === b.length ? 0 : Number.POSITIVE_INFINITY;
  for (let i = 0; i < Math.min(a.length, b.length); i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

/** x = [[−2, −0.5, 0], [1, 4, 0.25]] as [N, 2, 3]: a sequence of 2 channels with values on both sides of 0. */
export const SEQ = { dims: [1, 2, 3], data: Float32Array.of(-2, -0.5, 0, 1, 4, 0.25) };

/**
 * Imports `x → op → y` on {@link SEQ} and returns what the graph computes next to `f` of each
 * element (`f` also gets the element's index, for per-channel parameters), and the graph ops.
 */
export function elementwise(op: string, f: (v: number, i: number) => number, m: Omit<OpModel, 'x'> = {}) {
  const bytes = opModel(op, { x: ['N', 2, 3], ...m });
  return { ops: opsOf(bytes), got: runModel(bytes, SEQ).data, want: Array.from(SEQ.data, f) };
}
