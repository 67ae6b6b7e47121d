import type * as tf from '@tensorflow/tfjs-core';
import type { NeuronState } from '@snn/neuron';
import type { GraphNode } from './types.js';

/** What a layer's shape inference sees: the node (attrs already completed) and its input shapes. */
export interface ShapeContext {
  readonly name: string;
  readonly attrs: Readonly<Record<string, unknown>>;
  readonly params: Readonly<Record<string, tf.Tensor>>;
  /** One shape per input, batch excluded. */
  readonly inputShapes: readonly (readonly number[])[];
}

/** What a layer's forward pass sees. */
export interface ForwardContext {
  readonly node: GraphNode;
  /** Batched input tensors (`[N, ...shape]`), in the node's input order. */
  readonly inputs: readonly tf.Tensor[];
  /** True while training: BatchNorm uses batch statistics, Dropout drops. */
  readonly training: boolean;
  /**
   * Per input: true when no gradient is wanted for it (in training mode, graph inputs, unless
   * `execute(..., { inputGradients: true })`). Layers may then skip that input's gradient.
   */
  readonly noGrad: readonly boolean[];
  /** The node's state from the previous call (stateful layers only); undefined on the first. */
  readonly state: NeuronState | undefined;
  /** Stores the node's next state (stateful layers only). */
  setState(state: NeuronState): void;
  /** Replaces a param by a new value after the step (BatchNorm's running statistics in training). */
  updateParam(param: string, value: tf.Tensor): void;
  /** A seed for a random op, drawn from execute()'s seeded generator. */
  seed(): number;
  /** The time step (1-based) this call simulates, when the caller says (`execute(…, { step })`). */
  readonly step?: number;
}

/**
 * One op of the graph, registered by name with {@link registerLayer}. Each lives in its own file
 * under `layers/` and is listed in `layers/index.ts`.
 */
export interface LayerDef {
  /** The op name nodes use (`'Conv2d'`). */
  op: string;
  /** How many inputs the op takes: `[min, max]` (max `Infinity` for variadic ops). Default `[1, 1]`. */
  arity?: readonly [number, number];
  /** Params a node must have, and ones it may have. */
  params?: { required?: readonly string[]; optional?: readonly string[] };
  /** Params that training updates by gradient (the rest are constants or running statistics). */
  trainable?: readonly string[];
  /** The op's attributes with defaults filled in; throws a plain Error for a bad one. */
  attrs?(attrs: Readonly<Record<string, unknown>>): Record<string, unknown>;
  /** Output shape without batch; throws a plain Error naming the shape that does not fit. */
  inferShape(ctx: ShapeContext): number[];
  /** The batched output. Runs inside a `tf.tidy`. */
  forward(ctx: ForwardContext): tf.Tensor;
  /** True for ops with state between calls (spiking neurons). */
  stateful?: boolean;
}
