import type { HostTensor } from './tensor/host-tensor.js';

/** A runtime tensor: a graph node's (or graph input's) output, with its ONNX shape without the batch axis. */
export interface TensorValue {
  kind: 'tensor';
  /** The graph node or graph input that produces it. */
  ref: string;
  /** ONNX layout, batch excluded: `[C, H, W]` for images, `[F]` for vectors. */
  shape: number[];
  /**
   * Set on a vector that came from flattening a `[C, H, W]` map: the graph holds its features in
   * H·W·C order, ONNX in C·H·W order. Per-feature weights that consume it must be permuted.
   */
  hwcOf?: [number, number, number];
}

/** A value known at import time (initializer, Constant output). */
export interface ConstantValue {
  kind: 'constant';
  tensor: HostTensor;
}

/** The output of a constant `Pad` over H and W, waiting to be folded into the Conv or pooling that reads it. */
export interface PaddedValue {
  kind: 'padded';
  source: TensorValue;
  /** `[top, left, bottom, right]`. */
  pads: [number, number, number, number];
  constant: number;
  padNode: string;
}

/**
 * What an ONNX name holds during import: a tensor computed at run time, a constant known now, or a
 * pending Pad to fold into the next Conv / pool.
 */
export type Value = TensorValue | ConstantValue | PaddedValue;

/** A graph node spec whose params are still host tensors (turned into tfjs tensors at the very end). */
export interface HostNodeSpec {
  name: string;
  op: string;
  inputs: string[];
  attrs?: Record<string, unknown>;
  params?: Record<string, HostTensor>;
}

/**
 * In an import-time shape (the output of `Shape`), the batch size: unknown until the graph runs.
 * NaN never equals a real dimension, so arithmetic on it cannot pass for a fixed size.
 */
export const BATCH = Number.NaN;
