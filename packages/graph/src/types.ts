import type * as tf from '@tensorflow/tfjs-core';
import type { NeuronState } from '@snn/neuron';

/**
 * What a node is made of, as handed to {@link GraphBuilder.add} or `graph.with()`. Shapes are NHWC
 * (images) or `[F]` (vectors), always without the batch axis.
 */
export interface NodeSpec {
  /** Unique among the graph's nodes and inputs. */
  name: string;
  /** A registered layer name (`Conv2d`, `ReLU`, `IF`, ...). */
  op: string;
  /** Names of graph inputs or nodes, in the order the op expects them. */
  inputs: string[];
  /** JSON-serialisable options of the op; missing ones take the op's defaults. */
  attrs?: Record<string, unknown>;
  /** Named tensors the op uses (weights, BatchNorm statistics, thresholds). */
  params?: Record<string, tf.Tensor>;
}

/** A node of a built graph: its spec with attrs completed by the op's defaults, and its output shape. */
export interface GraphNode {
  readonly name: string;
  readonly op: string;
  readonly inputs: readonly string[];
  readonly attrs: Readonly<Record<string, unknown>>;
  readonly params: Readonly<Record<string, tf.Tensor>>;
  /** Output shape without the batch axis. */
  readonly shape: readonly number[];
}

/** A graph input: a name nodes read and its shape without the batch axis (`[28, 28, 1]` for MNIST). */
export interface GraphInput {
  name: string;
  shape: number[];
}

/**
 * The membrane state of a graph's spiking nodes between `execute()` calls: node name → its
 * {@link NeuronState}. `execute()` never disposes the state it is given; it returns a new map.
 */
export type GraphState = Map<string, NeuronState>;
